/**
 * The free lists (free_list.ts): the buddy allocator's hot end (mm/page_alloc.c
 * free_hot_cold_page → the next __alloc_pages_nodemask takes the page freed last) and
 * lib/test_hmm.c's free_pages (dmirror_devmem_free pushes, dmirror_devmem_alloc_page pops). Both
 * are LIFO, and a push or pop copies one bounded path of the list's table, however long it is.
 */
import { describe, expect, it } from 'vitest';
import type { Op } from './ops';
import { A, PG, last, pteAt, run, setup, toDev } from '../test/modelKit';
import { dmirrorData } from './driver';
import { freeListTop } from './free_list';
import { tableLeaves } from './table';
import type { Pfn } from './types';

const pfnAt = (s: Parameters<typeof pteAt>[0], addr: number): Pfn => {
  const pte = pteAt(s, 1, addr);
  if (!pte || !('pfn' in pte)) throw new Error(`nothing mapped at ${addr.toString(16)}`);
  return pte.pfn;
};
const B = A + 0x1000000;

describe('the RAM free list: free_hot_cold_page and __alloc_pages_nodemask', () => {
  const n = 6;
  const base: Op[] = [
    { op: 'spawn', pid: 1 },
    { op: 'mmap', pid: 1, addr: A, npages: n, prot: 'rw', flags: ['private', 'anonymous'] },
    { op: 'write', pid: 1, addr: A, npages: n, values: [1] },
  ];
  const frames = run([
    ...base,
    { op: 'munmap', pid: 1, addr: A, npages: n },
    { op: 'mmap', pid: 1, addr: B, npages: 2, prot: 'rw', flags: ['private', 'anonymous'] },
    { op: 'write', pid: 1, addr: B, npages: 2, values: [2] },
  ]);
  // frames[0] is the booted machine: step i's frame is frames[i + 1].
  const written = frames[base.length]?.state;
  if (!written) throw new Error('no frame');
  const pfns = Array.from({ length: n }, (_, i) => pfnAt(written, A + i * PG));

  it('zap_pte_range frees the pages in address order; the list holds them, last freed on top', () => {
    const unmapped = frames[base.length + 1]?.state;
    expect(unmapped?.ram.recycled.length).toBe(n);
    expect(unmapped && freeListTop(unmapped.ram.recycled, n)).toEqual([...pfns].reverse());
  });

  it('the next allocations take the pages freed last, first', () => {
    const s = last(frames).state;
    expect([pfnAt(s, B), pfnAt(s, B + PG)]).toEqual([pfns[n - 1], pfns[n - 2]]);
    expect(s.ram.recycled.length).toBe(n - 2);
    expect(freeListTop(s.ram.recycled, 10)).toEqual(pfns.slice(0, n - 2).reverse());
  });
});

describe('the device free list: dmirror_devmem_free and dmirror_devmem_alloc_page', () => {
  const toSys: Op = {
    op: 'dmirror_migrate_to_sys',
    device: 'dmirror0',
    pid: 1,
    addr: A,
    npages: 4,
  };
  const frames = run([...setup(4), toDev(4), toSys, toDev(2)]);
  const onDevice = frames[5]?.state;
  if (!onDevice) throw new Error('no frame');
  const devPfns = Array.from({ length: 4 }, (_, i) => pfnAt(onDevice, A + i * PG));

  it('pages freed by the migration home are pushed, last freed on top', () => {
    const home = frames[6]?.state;
    const list = home && dmirrorData(home, 'dmirror0')?.freeList.recycled;
    expect(list?.length).toBe(4);
    expect(list && freeListTop(list, 4)).toEqual([...devPfns].reverse());
  });

  it('the next migration pops them from the top', () => {
    const s = last(frames).state;
    const list = dmirrorData(s, 'dmirror0')?.freeList.recycled;
    expect([pfnAt(s, A), pfnAt(s, A + PG)]).toEqual([devPfns[3], devPfns[2]]);
    expect(list && freeListTop(list, 4)).toEqual([devPfns[1], devPfns[0]]);
  });
});

describe('a push or pop copies one bounded path, however long the list', () => {
  // 4,096 pages freed: 64 leaves. One more freed page, then one taken back.
  const n = 4096;
  const frames = run(
    [
      { op: 'spawn', pid: 1 },
      { op: 'mmap', pid: 1, addr: A, npages: n + 1, prot: 'rw', flags: ['private', 'anonymous'] },
      { op: 'write', pid: 1, addr: A, npages: n + 1, values: [1] },
      { op: 'munmap', pid: 1, addr: A, npages: n },
      { op: 'munmap', pid: 1, addr: A + n * PG, npages: 1 },
      { op: 'mmap', pid: 1, addr: B, npages: 1, prot: 'rw', flags: ['private', 'anonymous'] },
      { op: 'write', pid: 1, addr: B, npages: 1, values: [2] },
    ],
    { ramPages: 16_384 },
  );
  const leaves = (i: number) => {
    const s = frames[i]?.state;
    if (!s) throw new Error('no frame');
    return tableLeaves(s.ram.recycled.entries, 0, n + 1);
  };
  const changed = (a: number, b: number): number => {
    const before = new Map(leaves(a));
    return leaves(b).filter(([li, leaf]) => before.get(li) !== leaf).length;
  };

  it('a free shares every leaf but the one it wrote with the list before it', () => {
    expect(leaves(4)).toHaveLength(n / 64);
    expect(changed(4, 5)).toBe(1);
  });

  it('an allocation shares every leaf but the one it emptied', () => {
    expect(frames[7]?.state.ram.recycled.length).toBe(n);
    expect(changed(4, 7)).toBe(0);
    expect(leaves(7)).toHaveLength(n / 64);
  });
});
