/**
 * A bulk write (one step over N pages) is N CPU stores, each faulting in its page exactly as a
 * one-page write would (arch/x86/mm/fault.c → handle_mm_fault → do_anonymous_page): issue 12's
 * faster bulk path must not change what it does, what it records, or what it touched.
 */
import { describe, expect, it } from 'vitest';
import type { Op } from './ops';
import { A, PG, last, run } from '../test/modelKit';
import { checkAllInvariants } from './invariants';
import { lookupPage } from './page_store';
import { processOf } from './query';
import { tableEntries } from './table';

// 130 pages: more than two 64-slot leaves of the page table and of the step's index sets.
const N = 130;
const setup: Op[] = [
  { op: 'spawn', pid: 1 },
  { op: 'mmap', pid: 1, addr: A, npages: N, prot: 'rw', flags: ['private', 'anonymous'] },
];
const values = Array.from({ length: N }, (_, i) => 1000 + i);
const bulk = run([...setup, { op: 'write', pid: 1, addr: A, npages: N, values }]);
const single = run([
  ...setup,
  ...values.map((v, i): Op => ({ op: 'write', pid: 1, addr: A + i * PG, npages: 1, values: [v] })),
]);

describe('a bulk write equals the same stores page by page', () => {
  it('records the events of the one-page writes, in order, at the same depths', () => {
    const one = single.slice(setup.length + 1).flatMap((f) => f.events);
    expect(last(bulk).events).toEqual(one);
  });

  it('leaves the same state: PTEs, struct pages, RSS, counters', () => {
    const a = last(bulk).state;
    const b = last(single).state;
    const pa = processOf(a, 1);
    const pb = processOf(b, 1);
    expect(tableEntries(pa?.ptes ?? { height: 0, root: null })).toEqual(
      tableEntries(pb?.ptes ?? { height: 0, root: null }),
    );
    expect(tableEntries(a.pages)).toEqual(tableEntries(b.pages));
    expect(pa?.rss).toEqual(pb?.rss);
    expect(a.counters).toEqual(b.counters);
    expect(checkAllInvariants(a)).toEqual([]);
  });

  it('touches each PTE once, named by the same reference as its page’s reverse map', () => {
    const f = last(bulk);
    expect(f.touched.ptes.map((r) => r.vpn)).toEqual(values.map((_, i) => (A + i * PG) / PG));
    const ptes = new Map(tableEntries(processOf(f.state, 1)?.ptes ?? { height: 0, root: null }));
    for (const ref of f.touched.ptes) {
      const pte = ptes.get(ref.vpn);
      if (!pte || !('pfn' in pte)) throw new Error('not mapped');
      const rmap = lookupPage(f.state, pte.pfn)?.rmap;
      expect(rmap).toEqual([ref]);
      expect(rmap?.[0]).toBe(ref);
    }
  });
});
