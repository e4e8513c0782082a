/**
 * The §3 invariants per era (kernel-semantics.md §3, §4.1 column E5): the checker reads the
 * state's era, so the same state is a violation in one era and correct in the other.
 */
import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import type { Op } from './ops';
import type { KernelState, Pfn } from './types';
import { A, last, pteAt, run, run612, setup, toDev } from '../test/modelKit';
import { checkAllInvariants, checkInvariants } from './invariants';
import { tableGet, tableSet } from './table';
import { lookupPage } from './page_store';
import { processOf } from './query';

const ids = (s: KernelState): string[] => [...new Set(checkAllInvariants(s).map((v) => v.id))];
const devicePfn = (s: KernelState): Pfn => {
  const pte = pteAt(s, 1, A);
  if (!pte || !('pfn' in pte)) throw new Error('no device page mapped');
  return pte.pfn;
};
/** The state with the struct page of pfn changed by f (materialised if it was idle). */
function withPage(
  s: KernelState,
  pfn: Pfn,
  f: (p: { refcount: number; mapcount: number }) => void,
) {
  return produce(s, (d) => {
    // Table values are not immer drafts (table.ts): change a copy and store it.
    const stored = tableGet(d.pages, pfn) ?? lookupPage(d, pfn);
    if (!stored) throw new Error('no struct page');
    const p = { ...stored, rmap: [...stored.rmap] };
    f(p);
    tableSet(d.pages, pfn, p);
  });
}

const migrated: Op[] = [...setup(1), toDev(1)];

describe('I-1 / I-1′: the idle reference of a ZONE_DEVICE page', () => {
  it('v4.14: a free device page at refcount 0 is I-1 (a refcount bug)', () => {
    const s = last(run(migrated.slice(0, 1))).state;
    const free = s.devices['dmirror0']?.chunks[0]?.pfnFirst as Pfn;
    expect(ids(s)).toEqual([]);
    expect(ids(withPage(s, free, (p) => (p.refcount = 0)))).toContain('I-1');
  });

  it('v6.12: a free device page at refcount 0 is correct, at 1 it is I-1′', () => {
    const s = last(run612(migrated.slice(0, 1))).state;
    const free = s.devices['dmirror0']?.chunks[0]?.pfnFirst as Pfn;
    expect(ids(withPage(s, free, (p) => (p.refcount = 0)))).toEqual([]);
    expect(ids(withPage(s, free, (p) => (p.refcount = 1)))).toContain("I-1'");
  });
});

describe('I-8: steady-state refcount of a mapped device page', () => {
  it('v4.14 wants 1 + mapcount; mapcount alone is a violation', () => {
    const s = last(run(migrated)).state;
    const pfn = devicePfn(s);
    expect(lookupPage(s, pfn)).toMatchObject({ refcount: 2, mapcount: 1 });
    expect(ids(s)).toEqual([]);
    expect(ids(withPage(s, pfn, (p) => (p.refcount = 1)))).toContain('I-8');
  });

  it('v6.12 wants mapcount; the v4.14 count (1 + mapcount) is a violation', () => {
    const s = last(run612(migrated)).state;
    const pfn = devicePfn(s);
    expect(lookupPage(s, pfn)).toMatchObject({ refcount: 1, mapcount: 1 });
    expect(ids(s)).toEqual([]);
    expect(ids(withPage(s, pfn, (p) => (p.refcount = 2)))).toContain('I-8');
  });
});

describe('I-7 with device-exclusive entries (v6.12: no mapcount, one reference each)', () => {
  const s = last(
    run612([
      ...setup(1),
      { op: 'dmirror_exclusive', device: 'dmirror0', pid: 1, addr: A, npages: 1 },
    ]),
  ).state;
  const pfn = devicePfn(s);

  it('is clean as make_device_exclusive_range leaves it', () => {
    expect(ids(s)).toEqual([]);
  });

  it('counting the entry in the mapcount is I-7', () => {
    expect(ids(withPage(s, pfn, (p) => (p.mapcount = 1)))).toContain('I-7');
  });
});

describe('I-6 in both eras: a migration entry needs a locked page', () => {
  it.each([
    ['v4.14', run],
    ['v6.12', run612],
  ] as const)('%s', (_era, go) => {
    const s = last(go(setup(1))).state;
    const pfn = devicePfn(s);
    const broken = produce(s, (d) => {
      const p = processOf(d, 1);
      if (p) tableSet(p.ptes, (A / 4096) as never, { kind: 'migration', pfn, write: true });
    });
    expect(ids(broken)).toContain('I-6');
  });
});

/** A 300-page write: its touched pfns and PTEs span several 64-slot chunks of the index sets. */
const N = 300;
function bulkWrite() {
  const frames = run([
    { op: 'spawn', pid: 1 },
    { op: 'mmap', pid: 1, addr: A, npages: N, prot: 'rw', flags: ['private', 'anonymous'] },
    { op: 'write', pid: 1, addr: A, npages: N, values: Array.from({ length: N }, (_, i) => i) },
  ]);
  return { prev: frames[frames.length - 2]?.state as KernelState, bulk: last(frames) };
}

describe('checkInvariants over what a bulk step touched (issue 12)', () => {
  const { prev, bulk } = bulkWrite();

  it('is clean after the write, which touched every page and PTE', () => {
    expect(bulk.touched.pfns).toHaveLength(N);
    expect(bulk.touched.ptes).toHaveLength(N);
    expect(checkInvariants(bulk.state, bulk.touched, prev)).toEqual([]);
  });

  it.each([0, 63, 64, 200, N - 1])('reports a refcount planted in touched page %i, once', (i) => {
    const pte = pteAt(bulk.state, 1, A + i * 4096);
    if (!pte || !('pfn' in pte)) throw new Error('page not mapped');
    const bad = withPage(bulk.state, pte.pfn, (p) => {
      p.refcount += 1;
    });
    const v = checkInvariants(bad, bulk.touched, prev);
    expect(v.map((x) => x.id)).toEqual(['I-8']);
    expect(v[0]?.text).toContain(`pfn 0x${pte.pfn.toString(16)}:`);
  });

  it('reports a page that only a touched PTE names (the pfn is not in touched.pfns)', () => {
    const pte = pteAt(bulk.state, 1, A + 130 * 4096);
    if (!pte || !('pfn' in pte)) throw new Error('page not mapped');
    const bad = withPage(bulk.state, pte.pfn, (p) => {
      p.mapcount = 2;
    });
    const touched = {
      pfns: bulk.touched.pfns.filter((p) => p !== pte.pfn),
      ptes: bulk.touched.ptes,
    };
    expect(checkInvariants(bad, touched, prev).map((x) => x.id)).toContain('I-7');
  });
});

describe('checkInvariants reports in the order of one check at a time (issue 12: one pass)', () => {
  const { prev, bulk } = bulkWrite();
  const pfnAt = (i: number): Pfn => {
    const pte = pteAt(bulk.state, 1, A + i * 4096);
    if (!pte || !('pfn' in pte)) throw new Error('page not mapped');
    return pte.pfn;
  };

  it("PTEs' violations, then pages' (touched pfns ascending, then PTE-only), then RSS", () => {
    // Page refcounts planted at 200 and 10, a page only a PTE names at 5, a PTE at 250 that
    // claims the zero page, and an RSS counter one too high; the PTEs are read in reverse.
    let bad = withPage(bulk.state, pfnAt(200), (p) => (p.refcount += 1));
    bad = withPage(bad, pfnAt(10), (p) => (p.refcount += 1));
    bad = withPage(bad, pfnAt(5), (p) => (p.mapcount = 2));
    bad = produce(bad, (d) => {
      const p = processOf(d, 1);
      if (!p) throw new Error('no process');
      const vpn = A / 4096 + 250;
      const pte = tableGet(p.ptes, vpn);
      if (pte?.kind !== 'present') throw new Error('no present PTE');
      tableSet(p.ptes, vpn, { ...pte, zero: true });
      p.rss = { ...p.rss, anon: p.rss.anon + 1 };
    });
    const touched = {
      pfns: bulk.touched.pfns.filter((p) => p !== pfnAt(5)),
      ptes: [...bulk.touched.ptes].reverse(),
    };
    const hex = (i: number): string => `pfn 0x${pfnAt(i).toString(16)}:`;
    const v = checkInvariants(bad, touched, prev).map((x) => `${x.id} ${x.text}`);
    expect(v).toEqual([
      `I-7 pid 1 0x${(A + 250 * 4096).toString(16)}: present PTE of ${hex(250).slice(0, -1)} marked as the zero page`,
      `I-8 ${hex(10)} refcount 2, expected 1 in steady state`,
      `I-8 ${hex(200)} refcount 2, expected 1 in steady state`,
      `I-7 ${hex(250)} mapcount 1 but 0 PTE(s) map it`,
      `I-7 ${hex(5)} mapcount 2 but 1 PTE(s) map it`,
      `I-8 ${hex(5)} refcount 1, expected 2 in steady state`,
      `I-14 pid 1: MM_ANONPAGES ${N + 1}, moved while its page table moved ${N - 1}`,
    ]);
  });
});
