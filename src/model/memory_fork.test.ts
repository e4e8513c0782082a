import { describe, expect, it } from 'vitest';
import type { Op } from './ops';
import type { KernelState } from './types';
import { A, PG, fns, last, pageAt, pteAt, run, run612, setup, toDev } from '../test/modelKit';
import { processOf } from './query';

describe('copy_one_pte (T-FORK)', () => {
  it('write-protects ordinary anonymous pages in both mms and COWs on write', () => {
    const frames = run([...setup(1), { op: 'fork', pid: 1, child: 2 }]);
    const f = last(frames);
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'present', write: false });
    expect(pteAt(f.state, 2, A)).toMatchObject({ kind: 'present', write: false });
    expect(pageAt(f.state, 1, A)).toMatchObject({ refcount: 2, mapcount: 2 });
    const g = last(
      run([
        ...setup(1),
        { op: 'fork', pid: 1, child: 2 },
        { op: 'write', pid: 2, addr: A, npages: 1, values: [99] },
        { op: 'read', pid: 1, addr: A, npages: 1 },
      ]),
    );
    expect(g.result).toEqual({ ret: 0, values: [10] });
    expect(pageAt(g.state, 2, A)?.value).toBe(99);
  });

  it('downgrades device-private write entries to read in parent and child', () => {
    const f = last(run([...setup(2), toDev(2), { op: 'fork', pid: 1, child: 2 }]));
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'device-private', write: false });
    expect(pteAt(f.state, 2, A)).toMatchObject({ kind: 'device-private', write: false });
    expect(pageAt(f.state, 1, A)).toMatchObject({ refcount: 3, mapcount: 2 });
    expect(processOf(f.state, 2)?.rss.anon).toBe(2);
    expect(f.violations).toEqual([]);
  });

  it('livelocks a CPU access after fork: the rmap walk cannot see the other mm (v4.14 map_pte bug)', () => {
    const f = last(
      run([
        ...setup(1),
        toDev(1),
        { op: 'fork', pid: 1, child: 2 },
        { op: 'read', pid: 1, addr: A, npages: 1 },
      ]),
    );
    expect(f.result).toMatchObject({ livelock: true, values: [] });
    expect(f.events.some((e) => e.fn === 'page_vma_mapped_walk' && /map_pte/.test(e.text))).toBe(
      true,
    );
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'device-private', write: false });
    expect(f.violations).toEqual([]);
  });

  it('recovers once the child exits: its zap drops the second mapping', () => {
    const f = last(
      run([
        ...setup(1),
        toDev(1),
        { op: 'fork', pid: 1, child: 2 },
        { op: 'exit', pid: 2 },
        { op: 'write', pid: 1, addr: A, npages: 1, values: [3] },
        { op: 'read', pid: 1, addr: A, npages: 1 },
      ]),
    );
    expect(f.result).toEqual({ ret: 0, values: [3] });
    expect(fns(f)).not.toContain('do_swap_page');
  });
});

/** The VMA of pid that contains addr, as the state keeps it. */
function vmaOf(f: { state: KernelState }, pid: number, addr: number) {
  const vpn = addr / PG;
  return processOf(f.state, pid)?.vmas.find((v) => vpn >= v.start && vpn < v.end);
}

const anonBuf = (n: number, prot: 'r' | 'rw' = 'rw'): Op[] => [
  { op: 'spawn', pid: 1 },
  { op: 'mmap', pid: 1, addr: A, npages: n, prot, flags: ['private', 'anonymous'] },
];

describe('anon_vma_prepare (mm/rmap.c) and copy_page_range (mm/memory.c v4.14)', () => {
  it('do_anonymous_page: a read fault maps the zero page and prepares no anon_vma', () => {
    const f = last(run([...anonBuf(2), { op: 'read', pid: 1, addr: A, npages: 2 }]));
    expect(vmaOf(f, 1, A)?.anonVma).toBe(false);
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'present', zero: true });
    expect(fns(f)).not.toContain('anon_vma_prepare');
  });

  it('do_anonymous_page on a write fault, and wp_page_copy of the zero page, prepare it', () => {
    const w = last(run([...anonBuf(1), { op: 'write', pid: 1, addr: A, npages: 1, values: [1] }]));
    expect(vmaOf(w, 1, A)?.anonVma).toBe(true);
    const frames = run([
      ...anonBuf(1),
      { op: 'read', pid: 1, addr: A, npages: 1 },
      { op: 'write', pid: 1, addr: A, npages: 1, values: [1] },
    ]);
    const c = last(frames);
    expect(vmaOf(c, 1, A)?.anonVma).toBe(true);
    expect(c.events.map((e) => e.fn).indexOf('anon_vma_prepare')).toBeGreaterThan(
      c.events.map((e) => e.fn).indexOf('wp_page_copy'),
    );
  });

  it('copy_page_range: fork copies no PTE of a never-written private VMA; the child faults the zero page in again', () => {
    const frames = run([
      ...anonBuf(2),
      { op: 'read', pid: 1, addr: A, npages: 2 },
      { op: 'fork', pid: 1, child: 2 },
      { op: 'read', pid: 2, addr: A, npages: 1 },
    ]);
    const fork = frames[frames.length - 2];
    if (!fork) throw new Error('no fork frame');
    expect(pteAt(fork.state, 2, A)).toBeUndefined();
    expect(pteAt(fork.state, 1, A)).toMatchObject({ kind: 'present', zero: true, write: false });
    expect(vmaOf(fork, 2, A)?.anonVma).toBe(false);
    expect(fork.events.some((e) => e.fn === 'copy_page_range' && /no anon_vma/.test(e.text))).toBe(
      true,
    );
    const child = last(frames);
    expect(child.result).toEqual({ ret: 0, values: [0] });
    expect(pteAt(child.state, 2, A)).toMatchObject({ kind: 'present', zero: true });
    expect(fns(child)).toContain('do_anonymous_page');
    expect(child.violations).toEqual([]);
  });

  it('a private file mapping only read has no anon_vma: the child maps the page cache again', () => {
    const frames = run([
      { op: 'spawn', pid: 1 },
      { op: 'mmap', pid: 1, addr: A, npages: 1, prot: 'rw', flags: ['private'] },
      { op: 'read', pid: 1, addr: A, npages: 1 },
      { op: 'fork', pid: 1, child: 2 },
    ]);
    const f = last(frames);
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'present' });
    expect(pteAt(f.state, 2, A)).toBeUndefined();
    expect(processOf(f.state, 2)?.rss).toEqual({ anon: 0, file: 0, shmem: 0 });
    expect(f.violations).toEqual([]);
  });

  it('do_cow_fault prepares the anon_vma; anon_vma_fork gives the child one; its PTEs are copied', () => {
    const f = last(
      run([
        { op: 'spawn', pid: 1 },
        { op: 'mmap', pid: 1, addr: A, npages: 1, prot: 'rw', flags: ['private'] },
        { op: 'write', pid: 1, addr: A, npages: 1, values: [7] },
        { op: 'fork', pid: 1, child: 2 },
      ]),
    );
    expect(vmaOf(f, 1, A)?.anonVma).toBe(true);
    expect(vmaOf(f, 2, A)?.anonVma).toBe(true);
    expect(pteAt(f.state, 2, A)).toMatchObject({ kind: 'present', write: false });
    expect(pageAt(f.state, 2, A)).toMatchObject({ value: 7, mapcount: 2 });
  });

  it('migrate_vma_insert_page prepares the anon_vma: device pages inserted into holes are copied by fork', () => {
    const f = last(
      run([
        { op: 'device_add', device: 'dmirror0', type: 'private' },
        ...anonBuf(2),
        toDev(2),
        { op: 'fork', pid: 1, child: 2 },
      ]),
    );
    expect(vmaOf(f, 1, A)?.anonVma).toBe(true);
    expect(pteAt(f.state, 2, A)).toMatchObject({ kind: 'device-private', write: false });
    expect(f.violations).toEqual([]);
  });

  it('a split VMA keeps its anon_vma in both halves (__split_vma → anon_vma_clone)', () => {
    const f = last(
      run([
        ...anonBuf(4),
        { op: 'write', pid: 1, addr: A, npages: 1, values: [1] },
        { op: 'mprotect', pid: 1, addr: A + 2 * PG, npages: 2, prot: 'r' },
      ]),
    );
    const vmas = processOf(f.state, 1)?.vmas ?? [];
    expect(vmas).toHaveLength(2);
    expect(vmas.every((v) => v.anonVma)).toBe(true);
  });

  it('v6.12: vma_needs_copy() is false without an anon_vma, the same skip', () => {
    const f = last(
      run612([
        ...anonBuf(1),
        { op: 'read', pid: 1, addr: A, npages: 1 },
        { op: 'fork', pid: 1, child: 2 },
      ]),
    );
    expect(pteAt(f.state, 2, A)).toBeUndefined();
    expect(f.violations).toEqual([]);
  });
});
