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
