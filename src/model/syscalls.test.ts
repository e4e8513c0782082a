import { dmirrorData } from './driver/dmirror_data';
import { describe, expect, it } from 'vitest';
import { A, PG, fns, last, pageAt, pteAt, run, setup, toDev } from '../test/modelKit';
import { emptyTable } from './table';
import { processOf } from './query';

describe('zap_pte_range: munmap and exit (T-MUNMAP)', () => {
  it('frees a device-private page synchronously through page_free', () => {
    const f = last(run([...setup(2), toDev(2), { op: 'munmap', pid: 1, addr: A, npages: 1 }]));
    expect(f.state.counters.page_free).toBe(1);
    expect(pteAt(f.state, 1, A)).toBeUndefined();
    expect(processOf(f.state, 1)?.vmas).toHaveLength(1);
    expect(processOf(f.state, 1)?.vmas[0]?.start).toBe((A + PG) / PG);
    expect(f.violations).toEqual([]);
  });

  it('tears the whole mm down on exit and drops device mirrors', () => {
    const f = last(run([...setup(2), toDev(2), { op: 'exit', pid: 1 }]));
    expect(f.state.counters.page_free).toBe(2);
    expect(dmirrorData(f.state, 'dmirror0')?.mirrors).toEqual({});
    expect(processOf(f.state, 1)).toMatchObject({ alive: false, vmas: [] });
  });
});

describe('change_pte_range (T-MPROTECT)', () => {
  it('mprotect_fixup: newflags == oldflags returns 0 — no PTE rewritten, mirror kept', () => {
    const f = last(
      run([...setup(1), toDev(1), { op: 'mprotect', pid: 1, addr: A, npages: 1, prot: 'rw' }]),
    );
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'device-private', write: true });
    expect(Object.keys(dmirrorData(f.state, 'dmirror0')?.mirrors[1] ?? {})).not.toHaveLength(0);
    expect(fns(f)).not.toContain('mmu_notifier_invalidate_range_start');
    expect(fns(f)).not.toContain('__split_vma');
  });

  it('change_pte_range: r then rw leaves device-private entries read-only', () => {
    const f = last(
      run([
        ...setup(1),
        toDev(1),
        { op: 'mprotect', pid: 1, addr: A, npages: 1, prot: 'r' },
        { op: 'mprotect', pid: 1, addr: A, npages: 1, prot: 'rw' },
      ]),
    );
    expect(processOf(f.state, 1)?.vmas[0]?.prot).toBe('rw');
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'device-private', write: false });
    expect(dmirrorData(f.state, 'dmirror0')?.mirrors[1]).toEqual(emptyTable());
  });

  it('a range over two VMAs changes only the one whose flags differ', () => {
    const f = last(
      run([
        ...setup(2),
        toDev(2),
        { op: 'mprotect', pid: 1, addr: A, npages: 1, prot: 'r' },
        { op: 'mprotect', pid: 1, addr: A, npages: 2, prot: 'r' },
      ]),
    );
    expect(pteAt(f.state, 1, A + PG)).toMatchObject({ kind: 'device-private', write: false });
    expect(f.events.filter((e) => /newflags == oldflags/.test(e.text))).toHaveLength(1);
    expect(processOf(f.state, 1)?.vmas).toHaveLength(1);
  });

  it('PROT_EXEC: rw → rwx only adds a permission, yet change_pte_range drops device write', () => {
    const f = last(
      run([...setup(1), toDev(1), { op: 'mprotect', pid: 1, addr: A, npages: 1, prot: 'rwx' }]),
    );
    expect(processOf(f.state, 1)?.vmas[0]?.prot).toBe('rwx');
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'device-private', write: false });
    const again = last(
      run([
        ...setup(1),
        { op: 'mprotect', pid: 1, addr: A, npages: 1, prot: 'rwx' },
        // change_pte_range left the private PTE read-only: a store makes it writable again.
        { op: 'write', pid: 1, addr: A, npages: 1, values: [3] },
        toDev(1),
        { op: 'mprotect', pid: 1, addr: A, npages: 1, prot: 'rwx' },
      ]),
    );
    expect(pteAt(again.state, 1, A)).toMatchObject({ kind: 'device-private', write: true });
  });

  it('PROT_EXEC without PROT_WRITE: rx is readable, a store is SIGSEGV', () => {
    const f = last(
      run([
        { op: 'spawn', pid: 1 },
        { op: 'mmap', pid: 1, addr: A, npages: 1, prot: 'rx', flags: ['private', 'anonymous'] },
        { op: 'read', pid: 1, addr: A, npages: 1 },
        { op: 'write', pid: 1, addr: A, npages: 1, values: [1] },
      ]),
    );
    expect(f.result).toMatchObject({ signal: 'SIGSEGV' });
  });

  it('splits and re-merges VMAs', () => {
    const split = last(
      run([...setup(4), { op: 'mprotect', pid: 1, addr: A + PG, npages: 2, prot: 'r' }]),
    );
    expect(processOf(split.state, 1)?.vmas.map((v) => v.prot)).toEqual(['rw', 'r', 'rw']);
    const merged = last(
      run([
        ...setup(4),
        { op: 'mprotect', pid: 1, addr: A + PG, npages: 2, prot: 'r' },
        { op: 'mprotect', pid: 1, addr: A + PG, npages: 2, prot: 'rw' },
      ]),
    );
    expect(processOf(merged.state, 1)?.vmas).toHaveLength(1);
  });

  it('fails with -ENOMEM over a hole', () => {
    const f = last(run([...setup(1), { op: 'mprotect', pid: 1, addr: A, npages: 4, prot: 'r' }]));
    expect(f.result).toEqual({ ret: -12 });
  });
});

describe('madvise (T-MADVISE)', () => {
  it('MADV_DONTNEED releases device pages; the next read is the zero page', () => {
    const f = last(
      run([
        ...setup(1),
        toDev(1),
        { op: 'madvise', pid: 1, addr: A, npages: 1, advice: 'dontneed' },
        { op: 'read', pid: 1, addr: A, npages: 1 },
      ]),
    );
    expect(f.result).toEqual({ ret: 0, values: [0] });
    expect(f.state.counters.page_free).toBe(1);
  });

  it('MADV_FREE skips device-private entries: they keep their device page', () => {
    const f = last(
      run([...setup(1), toDev(1), { op: 'madvise', pid: 1, addr: A, npages: 1, advice: 'free' }]),
    );
    expect(f.result).toEqual({ ret: 0 });
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'device-private' });
    expect(f.events.some((e) => /non_swap_entry/.test(e.text))).toBe(true);
  });
});

describe('get_user_pages and pins (T-GUP)', () => {
  it('faults a device-private page home before pinning it (never pins device memory)', () => {
    const f = last(
      run([...setup(1), toDev(1), { op: 'gup', pid: 1, addr: A, npages: 1, flags: [] }]),
    );
    expect(f.result).toEqual({ ret: 0, cpages: 1 });
    expect(fns(f)).toContain('do_swap_page');
    expect(pageAt(f.state, 1, A)).toMatchObject({ memory: 'system', pins: 1, refcount: 2 });
  });

  it('blocks migration while pinned, and allows it after unpin', () => {
    const blocked = last(
      run([...setup(1), { op: 'gup', pid: 1, addr: A, npages: 1, flags: ['write'] }, toDev(1)]),
    );
    expect(blocked.result).toMatchObject({ ret: -2 });
    expect(blocked.events.some((e) => /pinned\?/.test(e.text))).toBe(true);
    const after = last(
      run([
        ...setup(1),
        { op: 'gup', pid: 1, addr: A, npages: 1, flags: ['write'] },
        { op: 'unpin', pid: 1, addr: A, npages: 1 },
        toDev(1),
      ]),
    );
    expect(after.result).toEqual({ ret: 0, cpages: 1, faults: 0 });
  });
});

describe('DEVICE_PUBLIC', () => {
  const pub = [
    { op: 'device_add', device: 'p', type: 'public' },
    { op: 'spawn', pid: 1 },
    { op: 'mmap', pid: 1, addr: A, npages: 1, prot: 'rw', flags: ['private', 'anonymous'] },
    { op: 'write', pid: 1, addr: A, npages: 1, values: [4] },
    toDev(1, 1, 'p'),
  ] as const;

  it('is mapped by a devmap PTE and read by the CPU with no fault', () => {
    const f = last(run([...pub, { op: 'read', pid: 1, addr: A, npages: 1 }]));
    expect(f.result).toEqual({ ret: 0, values: [4] });
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'devmap', write: true });
    expect(fns(f)).not.toContain('handle_mm_fault');
  });

  it('leaks a reference and mapcount on COW after fork (v4.14 do_wp_page hole): I-7 and I-14', () => {
    const f = last(
      run([
        ...pub,
        { op: 'fork', pid: 1, child: 2 },
        { op: 'write', pid: 2, addr: A, npages: 1, values: [8] },
      ]),
    );
    expect(f.violations.map((v) => v.id).sort()).toEqual(['I-14', 'I-7']);
    expect(f.events.some((e) => e.fn === 'vm_normal_page')).toBe(true);
  });
});
