/**
 * Device-exclusive entries in v6.12 (kernel-semantics.md §2.19; mm/rmap.c
 * make_device_exclusive_range, mm/memory.c remove_device_exclusive_entry / restore_exclusive_pte /
 * copy_nonpresent_pte / zap_pte_range, mm/mprotect.c change_pte_range, mm/hmm.c
 * hmm_vma_handle_pte; lib/test_hmm.c dmirror_exclusive / dmirror_check_atomic).
 */
import { describe, expect, it } from 'vitest';
import type { Op } from '../../ops';
import { A, PG, fns, last, pageAt, pteAt, run, run612, setup } from '../../../test/modelKit';
import { checkAllInvariants } from '../../invariants';
import { lookupPage } from '../../page_store';
import { processOf } from '../../query';
import type { Pfn } from '../../types';

const N = 2;
const excl = (pid = 1, npages = N): Op => ({
  op: 'dmirror_exclusive',
  device: 'dmirror0',
  pid,
  addr: A,
  npages,
});
const check = (pid = 1): Op => ({
  op: 'dmirror_check_exclusive',
  device: 'dmirror0',
  pid,
  addr: A,
  npages: N,
});
const read = (pid: number, addr = A): Op => ({ op: 'read', pid, addr, npages: 1 });

describe('make_device_exclusive_range (mm/rmap.c) via HMM_DMIRROR_EXCLUSIVE', () => {
  const frames = run612([...setup(N), excl()]);
  const f = last(frames);

  it('answers ret 0, cpages npages (dmirror_exclusive reads the data back)', () => {
    expect(f.result).toEqual({ ret: 0, cpages: N, faults: 0 });
    expect(fns(f)).toEqual(
      expect.arrayContaining([
        'make_device_exclusive_range',
        'get_user_pages_remote',
        'page_make_device_exclusive_one',
        'dmirror_atomic_map',
      ]),
    );
  });

  it('replaces the PTE by a writable device-exclusive entry: reference kept, mapcount dropped', () => {
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'device-exclusive', write: true });
    const p = pageAt(f.state, 1, A);
    expect(p).toMatchObject({ memory: 'system', refcount: 1, mapcount: 0, locked: false });
    expect(checkAllInvariants(f.state)).toEqual([]);
  });

  it('CHECK_EXCLUSIVE is -EPERM while the device holds ATOMIC entries (dmirror_check_atomic)', () => {
    expect(last(run612([...setup(N), excl(), check()])).result).toEqual({ ret: -1 });
  });

  it('a snapshot reads the entry as NONE (hmm_range_fault without a fault request: 0)', () => {
    const g = last(
      run612([
        ...setup(N),
        excl(),
        { op: 'dmirror_snapshot', device: 'dmirror0', pid: 1, addr: A, npages: N },
      ]),
    );
    expect(g.result).toMatchObject({ ret: 0, bytes: [0x00, 0x00] });
  });

  it('a read-only VMA fails GUP with FOLL_WRITE: the window is not mapped, -EBUSY', () => {
    const g = last(
      run612([...setup(N), { op: 'mprotect', pid: 1, addr: A, npages: N, prot: 'r' }, excl()]),
    );
    expect(g.result).toEqual({ ret: -16 });
    expect(pteAt(g.state, 1, A)?.kind).toBe('present');
  });

  it('v4.14 has no device-exclusive entries: -ENOTTY', () => {
    expect(last(run([...setup(N), excl()])).result).toEqual({ ret: -25 });
  });
});

describe('do_swap_page → remove_device_exclusive_entry (mm/memory.c)', () => {
  const f = last(run612([...setup(N), excl(), read(1)]));

  it('a CPU access restores the present PTE and replays the access', () => {
    expect(f.result).toEqual({ ret: 0, values: [10] });
    expect(fns(f)).toEqual(
      expect.arrayContaining(['do_swap_page', 'remove_device_exclusive_entry']),
    );
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'present', write: true });
    expect(pageAt(f.state, 1, A)).toMatchObject({ refcount: 1, mapcount: 1 });
    expect(checkAllInvariants(f.state)).toEqual([]);
  });

  it('revokes the device’s atomic mapping: CHECK_EXCLUSIVE answers 0 for the touched page', () => {
    const g = last(run612([...setup(N), excl(), read(1), read(1, A + PG), check()]));
    expect(g.result).toEqual({ ret: 0 });
  });
});

describe('mprotect, fork and zap of a device-exclusive entry', () => {
  it('change_pte_range makes a writable entry readable (mm/mprotect.c)', () => {
    const g = last(
      run612([...setup(N), excl(), { op: 'mprotect', pid: 1, addr: A, npages: N, prot: 'r' }]),
    );
    expect(pteAt(g.state, 1, A)).toMatchObject({ kind: 'device-exclusive', write: false });
    expect(checkAllInvariants(g.state)).toEqual([]);
  });

  it('copy_nonpresent_pte restores the entry and copies it as a present COW page', () => {
    const g = last(run612([...setup(N), excl(), { op: 'fork', pid: 1, child: 2 }]));
    expect(fns(g)).toContain('restore_exclusive_pte');
    expect(pteAt(g.state, 1, A)).toMatchObject({ kind: 'present', write: false });
    expect(pteAt(g.state, 2, A)).toMatchObject({ kind: 'present', write: false });
    expect(pageAt(g.state, 1, A)).toMatchObject({ refcount: 2, mapcount: 2 });
    expect(checkAllInvariants(g.state)).toEqual([]);
  });

  it('zap_pte_range drops the entry’s reference and RSS, with no mapcount to remove', () => {
    const frames = run612([...setup(N), excl(), { op: 'munmap', pid: 1, addr: A, npages: N }]);
    const pfn = (pteAt(frames[5]?.state ?? last(frames).state, 1, A) as { pfn: Pfn }).pfn;
    const g = last(frames);
    expect(lookupPage(g.state, pfn)).toMatchObject({ refcount: 0, mapcount: 0 });
    expect(processOf(g.state, 1)?.rss.anon).toBe(0);
    expect(checkAllInvariants(g.state)).toEqual([]);
  });
});
