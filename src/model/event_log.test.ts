import { describe, expect, it } from 'vitest';
import { EventLog } from './event_log';
import type { KernelName } from './eras/names';

describe('EventLog (kernel events kept compact until read)', () => {
  it('formats a template with its arguments when read, in order with plain texts', () => {
    const log = new EventLog();
    let formatted = 0;
    const fmt = (pfn: number, why: string): string => {
      formatted += 1;
      return `${why}: got pfn 0x${pfn.toString(16)}`;
    };
    log.add('handle_mm_fault', 'mm/memory.c', 0, 'write fault');
    log.addFmt('__alloc_pages_nodemask', 'mm/page_alloc.c', 1, fmt, 255, 'do_anonymous_page', 0);
    log.add('set_pte_at', 'mm/memory.c', 1, 'mapped');
    expect(log.length).toBe(3);
    expect(formatted).toBe(0);
    expect(log.events(null)).toEqual([
      { fn: 'handle_mm_fault', file: 'mm/memory.c', text: 'write fault', depth: 0 },
      {
        fn: '__alloc_pages_nodemask',
        file: 'mm/page_alloc.c',
        text: 'do_anonymous_page: got pfn 0xff',
        depth: 1,
      },
      { fn: 'set_pte_at', file: 'mm/memory.c', text: 'mapped', depth: 1 },
    ]);
    expect(formatted).toBe(1);
  });

  it("names each function as the era does (v6.12's renames)", () => {
    const log = new EventLog();
    log.addFmt('__alloc_pages_nodemask', 'mm/page_alloc.c', 2, (a: number) => `n=${a}`, 7, 0, 0);
    const names = new Map<string, KernelName>([
      ['__alloc_pages_nodemask', { fn: '__alloc_pages', file: 'mm/page_alloc.c' }],
    ]);
    expect(log.events(names)).toEqual([
      { fn: '__alloc_pages', file: 'mm/page_alloc.c', text: 'n=7', depth: 2 },
    ]);
  });
});

describe('EventLog across its chunks', () => {
  it('keeps 20,000 mixed events in order (more than one chunk)', () => {
    const log = new EventLog();
    const fmt = (a: number, b: boolean, c: string): string => `${a}:${b ? 'w' : 'r'}:${c}`;
    for (let i = 0; i < 20_000; i++) {
      if (i % 3 === 0) log.add(`f${i}`, 'x.c', i % 5, `t${i}`);
      else log.addFmt(`f${i}`, 'y.c', i % 5, fmt, i, i % 2 === 0, `c${i}`);
    }
    const ev = log.events(null);
    expect(log.length).toBe(20_000);
    expect(ev).toHaveLength(20_000);
    for (const i of [0, 1, 2, 1170, 1171, 1172, 8191, 8192, 19_999]) {
      expect(ev[i]).toEqual({
        fn: `f${i}`,
        file: i % 3 === 0 ? 'x.c' : 'y.c',
        text: i % 3 === 0 ? `t${i}` : `${i}:${i % 2 === 0 ? 'w' : 'r'}:c${i}`,
        depth: i % 5,
      });
    }
  });
});
