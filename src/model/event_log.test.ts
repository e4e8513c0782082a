import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventLog, eventSite } from './event_log';
import { depthsOf, firstCalls, packEvents } from './kernel_events';
import type { KernelName } from './eras/names';
import type { KernelEvent } from './ops';

let formatted = 0;
const GOT = eventSite<number, string>('__alloc_pages_nodemask', 'mm/page_alloc.c', (pfn, why) => {
  formatted += 1;
  return `${why}: got pfn 0x${pfn.toString(16)}`;
});
const N = eventSite('__alloc_pages_nodemask', 'mm/page_alloc.c', (a: number) => `n=${a}`);
/** Every kind of argument a template may take, shown so that a changed value changes the text. */
const ANY = eventSite<unknown, unknown, unknown>('f', 'y.c', (a, b, c) =>
  [a, b, c].map((v) => `${typeof v}:${Object.is(v, -0) ? '-0' : JSON.stringify(v)}`).join(' '),
);

describe('EventLog (kernel events kept compact until read)', () => {
  it('formats a template with its arguments when read, in order with plain texts', () => {
    const log = new EventLog();
    formatted = 0;
    log.add('handle_mm_fault', 'mm/memory.c', 0, 'write fault');
    log.addAt(GOT, 1, 255, 'do_anonymous_page', 0);
    log.add('set_pte_at', 'mm/memory.c', 1, 'mapped');
    expect(log.length).toBe(3);
    expect(formatted).toBe(0);
    expect(log.events()).toEqual([
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
    const names = new Map<string, KernelName>([
      ['__alloc_pages_nodemask', { fn: '__alloc_pages', file: 'mm/page_alloc.c' }],
    ]);
    const log = new EventLog(names);
    log.addAt(N, 2, 7, 0, 0);
    expect(log.events()).toEqual([
      { fn: '__alloc_pages', file: 'mm/page_alloc.c', text: 'n=7', depth: 2 },
    ]);
  });

  it('gives a template back exactly the arguments it was given (numbers, booleans, anything)', () => {
    const value = fc.oneof(
      fc.double(),
      fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
      fc.boolean(),
      fc.string(),
      fc.constantFrom(undefined, null, -0),
      fc.record({ pid: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(40), value, value, value)), (events) => {
        const log = new EventLog();
        for (const [depth, a, b, c] of events) log.addAt(ANY, depth, a, b, c);
        expect(log.events()).toEqual(
          events.map(([depth, a, b, c]) => ({
            fn: 'f',
            file: 'y.c',
            text: ANY.fmt(a, b, c),
            depth,
          })),
        );
      }),
    );
  });
});

describe('EventLog headers (site, depth and kinds packed in one int32)', () => {
  it('keeps depths up to 4,095 and refuses deeper ones rather than wrap them', () => {
    const log = new EventLog();
    log.addAt(N, 4095, -(2 ** 31), 0, 0);
    log.add('f', 'x.c', 4095, 't');
    expect(log.events().map((e) => [e.depth, e.text])).toEqual([
      [4095, `n=${-(2 ** 31)}`],
      [4095, 't'],
    ]);
    expect(() => {
      log.addAt(N, 4096, 1, 0, 0);
    }).toThrow(RangeError);
    expect(() => {
      log.add('f', 'x.c', -1, 't');
    }).toThrow(RangeError);
    // A refused event leaves the log as it was.
    expect(log.length).toBe(2);
    expect(log.events()).toHaveLength(2);
  });
});

describe('EventLog across its chunks', () => {
  it('keeps 30,000 mixed events in order (the array doubling as it fills; refs over a chunk)', () => {
    const log = new EventLog();
    const MIXED = eventSite<number, boolean, string>(
      'g',
      'y.c',
      (a, b, c) => `${a}:${b ? 'w' : 'r'}:${c}`,
    );
    for (let i = 0; i < 30_000; i++) {
      if (i % 3 === 0) log.add(`f${i}`, 'x.c', i % 5, `t${i}`);
      else log.addAt(MIXED, i % 5, i * 2 ** 20, i % 2 === 0, `c${i}`);
    }
    const ev = log.events();
    expect(log.length).toBe(30_000);
    expect(ev).toHaveLength(30_000);
    for (const i of [0, 1, 2, 63, 64, 65, 191, 192, 1170, 8191, 8192, 16_383, 16_384, 29_999]) {
      expect(ev[i]).toEqual({
        fn: i % 3 === 0 ? `f${i}` : 'g',
        file: i % 3 === 0 ? 'x.c' : 'y.c',
        text: i % 3 === 0 ? `t${i}` : `${i * 2 ** 20}:${i % 2 === 0 ? 'w' : 'r'}:c${i}`,
        depth: i % 5,
      });
    }
  });

  it('reads one event at a time as its events read, in any order (what a trace indexes and packs)', () => {
    const names = new Map<string, KernelName>([
      ['migrate_vma', { fn: 'migrate_vma_setup', file: 'mm/migrate_device.c' }],
    ]);
    const log = new EventLog(names);
    const W = eventSite('migrate_vma', 'mm/migrate.c', (a: number) => `start 0x${a.toString(16)}`);
    // What each event must read as, written out here, not read back from the log.
    const all: KernelEvent[] = [];
    const moved = { fn: 'migrate_vma_setup', file: 'mm/migrate_device.c' };
    for (let i = 0; i < 20_000; i++) {
      if (i % 7 === 0) {
        log.add('migrate_vma', 'mm/migrate.c', i % 3, `plain ${i} → ü`);
        all.push({ ...moved, text: `plain ${i} → ü`, depth: i % 3 });
      } else if (i % 2 === 0) {
        log.addAt(W, i % 4, i, 0, 0);
        all.push({ ...moved, text: `start 0x${i.toString(16)}`, depth: i % 4 });
      } else {
        log.addAt(GOT, i % 6, i * 3, 'why', 0);
        const text = `why: got pfn 0x${(i * 3).toString(16)}`;
        all.push({ fn: '__alloc_pages_nodemask', file: 'mm/page_alloc.c', text, depth: i % 6 });
      }
    }
    const view = log;
    expect(view.length).toBe(all.length);
    expect(log.events()).toEqual(all);
    // Backwards and jumping about: each read finds its own event, whatever was read before it.
    for (const i of [19_999, 0, 8_191, 8_192, 64, 63, 12_345, 7, 19_998]) {
      expect(view.at(i)).toEqual(all[i]);
      expect(view.callAt(i)).toEqual({ fn: all[i]?.fn, file: all[i]?.file });
      expect(view.depthAt(i)).toBe(all[i]?.depth);
    }
    expect(view.at(-1)).toEqual(all.at(-1));
    expect(view.at(20_000)).toBeUndefined();
    expect(view.callAt(-1)).toBeUndefined();
    // One shared call per function and file, plain or templated: nothing made per event.
    expect(view.callAt(0)).toBe(view.callAt(2));
    expect(firstCalls(view)).toEqual(firstCalls(all));
    // Every depth at once, read off the log's slots (what the kernel path's folds start from).
    expect(Array.from(depthsOf(view))).toEqual(all.map((e) => e.depth));
    expect(firstCalls(view).map((c) => c.fn)).toEqual([
      'migrate_vma_setup',
      '__alloc_pages_nodemask',
    ]);
  });

  it('packs straight from the log what packing the events gives, byte for byte (fast-check, size medium)', () => {
    const texts = fc.string({ unit: 'grapheme', size: 'medium' });
    const entry = fc.record({
      plain: fc.boolean(),
      depth: fc.nat({ max: 4095 }),
      text: texts,
      n: fc.integer(),
    });
    fc.assert(
      fc.property(fc.array(entry, { size: 'medium', maxLength: 2000 }), (entries) => {
        const log = new EventLog();
        for (const e of entries) {
          if (e.plain) log.add('do_swap_page', 'mm/memory.c', e.depth, e.text);
          else log.addAt(ANY, e.depth, e.n, e.text, e.plain);
        }
        const fromLog = packEvents(log).data;
        const fromArray = packEvents(log.events()).data;
        expect(fromLog.calls).toEqual(fromArray.calls);
        expect(fromLog.heads).toEqual(fromArray.heads);
        expect(fromLog.ends).toEqual(fromArray.ends);
        expect(fromLog.bytes).toEqual(fromArray.bytes);
      }),
      { numRuns: 40 },
    );
  });
});
