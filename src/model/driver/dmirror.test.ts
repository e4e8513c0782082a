import { dmirrorData } from './dmirror_data';
import { describe, expect, it } from 'vitest';
import { A, PG, last, run, setup, toDev } from '../../test/modelKit';
import type { Op } from '../ops';

const two: Op[] = [
  { op: 'device_add', device: 'dmirror0', type: 'private' },
  { op: 'device_add', device: 'dmirror1', type: 'private' },
  { op: 'spawn', pid: 1 },
];

describe('dmirror READ/WRITE through the device page table', () => {
  it('faults missing pages in once, then reads them (selftest anon_read)', () => {
    const f = last(
      run([
        ...setup(4, [1, 2, 3, 4]),
        { op: 'dmirror_read', device: 'dmirror0', pid: 1, addr: A, npages: 4 },
      ]),
    );
    expect(f.result).toEqual({ ret: 0, cpages: 4, faults: 1, values: [1, 2, 3, 4] });
    const again = last(
      run([
        ...setup(2),
        { op: 'dmirror_read', device: 'dmirror0', pid: 1, addr: A, npages: 2 },
        { op: 'dmirror_read', device: 'dmirror0', pid: 1, addr: A, npages: 2 },
      ]),
    );
    expect(again.result).toMatchObject({ faults: 0 });
  });

  it('refuses a write through a read-only VMA with -EPERM and a PROT_NONE read with -EFAULT', () => {
    const ro = last(
      run([
        ...setup(1),
        { op: 'mprotect', pid: 1, addr: A, npages: 1, prot: 'r' },
        { op: 'dmirror_write', device: 'dmirror0', pid: 1, addr: A, npages: 1, values: [1] },
      ]),
    );
    expect(ro.result).toMatchObject({ ret: -1 });
    const none = last(
      run([
        ...setup(1),
        { op: 'mprotect', pid: 1, addr: A, npages: 1, prot: 'none' },
        { op: 'dmirror_read', device: 'dmirror0', pid: 1, addr: A, npages: 1 },
      ]),
    );
    expect(none.result).toMatchObject({ ret: -14 });
  });

  it("writes land in the CPU's page (selftest anon_write)", () => {
    const f = last(
      run([
        ...setup(2, [0, 0]),
        { op: 'dmirror_write', device: 'dmirror0', pid: 1, addr: A, npages: 2, values: [7, 8] },
        { op: 'read', pid: 1, addr: A, npages: 2 },
      ]),
    );
    expect(f.result).toEqual({ ret: 0, values: [7, 8] });
  });

  it('loses its entries when the CPU page table changes (mmu notifier)', () => {
    const f = last(
      run([
        ...setup(2),
        { op: 'dmirror_read', device: 'dmirror0', pid: 1, addr: A, npages: 2 },
        { op: 'munmap', pid: 1, addr: A, npages: 1 },
      ]),
    );
    expect(Object.keys(dmirrorData(f.state, 'dmirror0')?.mirrors[1] ?? {}).length).toBeGreaterThan(
      0,
    );
    expect(f.events.some((e) => e.fn === 'dmirror_sync_cpu_device_pagetables')).toBe(true);
  });
});

describe('dmirror SNAPSHOT bytes (selftest hmm2.snapshot, v4.14)', () => {
  it('encodes hole, zero, read, write, local and remote device pages', () => {
    const f = last(
      run([
        ...two,
        { op: 'mmap', pid: 1, addr: A, npages: 6, prot: 'rw', flags: ['private', 'anonymous'] },
        { op: 'munmap', pid: 1, addr: A, npages: 1 },
        { op: 'read', pid: 1, addr: A + PG, npages: 1 },
        { op: 'write', pid: 1, addr: A + 2 * PG, npages: 1, values: [3] },
        { op: 'mprotect', pid: 1, addr: A + 2 * PG, npages: 1, prot: 'r' },
        { op: 'write', pid: 1, addr: A + 3 * PG, npages: 1, values: [4] },
        toDev(1, 1, 'dmirror0', A + 4 * PG),
        toDev(1, 1, 'dmirror1', A + 5 * PG),
        { op: 'dmirror_snapshot', device: 'dmirror0', pid: 1, addr: A, npages: 6 },
      ]),
    );
    expect(f.result).toEqual({
      ret: 0,
      cpages: 6,
      faults: 0,
      bytes: [0xff, 0x11, 0x01, 0x02, 0x22, 0x32],
    });
  });
});

describe('two devices (selftests migrate_mixed, double_map)', () => {
  const shared: Op[] = [
    ...two,
    { op: 'mmap', pid: 1, addr: A, npages: 2, prot: 'rw', flags: ['private', 'anonymous'] },
    { op: 'write', pid: 1, addr: A, npages: 2, values: [5, 6] },
    toDev(2, 1, 'dmirror1'),
  ];

  it("will not migrate another device's private page: -ENOENT", () => {
    expect(last(run([...shared, toDev(2, 1, 'dmirror0')])).result).toMatchObject({ ret: -2 });
  });

  it("reads another device's pages by faulting them home first", () => {
    const f = last(
      run([...shared, { op: 'dmirror_read', device: 'dmirror0', pid: 1, addr: A, npages: 2 }]),
    );
    expect(f.result).toEqual({ ret: 0, cpages: 2, faults: 1, values: [5, 6] });
    expect(f.state.counters.migrated_to_system).toBe(2);
    expect(f.violations).toEqual([]);
  });
});

describe('ops of later eras', () => {
  it('answers device-exclusive and release with -ENOTTY', () => {
    for (const op of [
      { op: 'dmirror_exclusive', device: 'dmirror0', pid: 1, addr: A, npages: 1 },
      { op: 'dmirror_check_exclusive', device: 'dmirror0', pid: 1, addr: A, npages: 1 },
      { op: 'dmirror_release', device: 'dmirror0' },
    ] as Op[]) {
      expect(last(run([...setup(1), op])).result).toEqual({ ret: -25 });
    }
  });
});

describe('a device write after fork (v4.14)', () => {
  it('livelocks inside hmm_vma_fault and says so instead of spinning', () => {
    const f = last(
      run([
        ...setup(1),
        toDev(1),
        { op: 'fork', pid: 1, child: 2 },
        { op: 'dmirror_write', device: 'dmirror0', pid: 1, addr: A, npages: 1, values: [1] },
      ]),
    );
    expect(f.result).toMatchObject({ livelock: true, cpages: 0 });
    expect(f.violations).toEqual([]);
  });
});

describe('snapshot of a PROT_NONE VMA (v4.14 walk)', () => {
  it('shows present pages as NONE: valid but without HMM_PFN_READ', () => {
    const f = last(
      run([
        ...setup(2),
        { op: 'mprotect', pid: 1, addr: A, npages: 2, prot: 'none' },
        { op: 'dmirror_snapshot', device: 'dmirror0', pid: 1, addr: A, npages: 2 },
      ]),
    );
    expect(f.result).toMatchObject({ bytes: [0, 0] });
  });
});
