import { describe, expect, it } from 'vitest';
import { A, PG, fns, last, pageAt, pteAt, run, setup, toDev } from '../test/modelKit';
import { snapshotState } from './vmlinux';
import { processOf } from './query';

describe('migrate_vma to DEVICE_PRIVATE (T-MIGRATE-TO-DEVICE)', () => {
  const frames = run([...setup(4), toDev(4)]);
  const f = last(frames);

  it('runs every stage in order and returns cpages = 4', () => {
    expect(f.result).toEqual({ ret: 0, cpages: 4, faults: 0 });
    const expected = [
      'migrate_vma',
      'migrate_vma_collect',
      'migrate_vma_prepare',
      'migrate_vma_unmap',
      'ops->alloc_and_copy',
      'migrate_vma_pages',
      'ops->finalize_and_map',
      'migrate_vma_finalize',
    ];
    const seen = fns(f)
      .filter((n) => expected.includes(n))
      .filter((n, i, all) => all[i - 1] !== n);
    expect(seen).toEqual(expected);
  });

  it('leaves device-private write entries and the worked-example refcounts (2 / mapcount 1)', () => {
    const pte = pteAt(f.state, 1, A);
    expect(pte).toMatchObject({ kind: 'device-private', write: true });
    const pg = pageAt(f.state, 1, A);
    expect(pg).toMatchObject({
      memory: 'device-private',
      refcount: 2,
      mapcount: 1,
      locked: false,
      value: 10,
    });
    expect(pg?.mapping).toEqual({ kind: 'anon' });
  });

  it('frees the system pages to the buddy allocator and counts the migration', () => {
    // All of RAM but pfn 0 (the BIOS page) and the kernel image's zero page at the top.
    expect(f.state.ram.free).toBe(4096 - 2);
    expect(f.state.counters.migrated_to_device).toBe(4);
    expect(snapshotState(f.state).devices['dmirror0']).toMatchObject({
      pages: 65536,
      freePages: 65532,
    });
    expect(f.violations).toEqual([]);
  });

  it('fills holes and the zero page with fresh device pages (pte_none → MIGRATE)', () => {
    const g = last(
      run([
        { op: 'device_add', device: 'dmirror0', type: 'private' },
        { op: 'spawn', pid: 1 },
        { op: 'mmap', pid: 1, addr: A, npages: 2, prot: 'rw', flags: ['private', 'anonymous'] },
        { op: 'read', pid: 1, addr: A, npages: 1 },
        toDev(2),
      ]),
    );
    expect(g.result).toEqual({ ret: 0, cpages: 2, faults: 0 });
    expect(fns(g)).toContain('migrate_vma_insert_page');
    expect(pteAt(g.state, 1, A + PG)).toMatchObject({ kind: 'device-private', write: true });
  });

  it('refuses shared anonymous memory: -ENOENT (selftest migrate_shared)', () => {
    const g = last(
      run([
        { op: 'device_add', device: 'dmirror0', type: 'private' },
        { op: 'spawn', pid: 1 },
        { op: 'mmap', pid: 1, addr: A, npages: 2, prot: 'rw', flags: ['shared', 'anonymous'] },
        toDev(2),
      ]),
    );
    expect(g.result).toMatchObject({ ret: -2 });
  });

  it('returns -EINVAL for a PROT_NONE VMA (no VM_READ)', () => {
    const g = last(
      run([
        { op: 'device_add', device: 'dmirror0', type: 'private' },
        { op: 'spawn', pid: 1 },
        { op: 'mmap', pid: 1, addr: A, npages: 2, prot: 'none', flags: ['private', 'anonymous'] },
        toDev(2),
      ]),
    );
    expect(g.result).toMatchObject({ ret: -22 });
  });
});

describe('CPU fault on a device-private entry (T-CPU-FAULT)', () => {
  const frames = run([...setup(2), toDev(2), { op: 'read', pid: 1, addr: A, npages: 1 }]);
  const f = last(frames);

  it('goes do_swap_page → device_private_entry_fault → the driver → migrate_vma', () => {
    const path = fns(f);
    const order = [
      'do_swap_page',
      'device_private_entry_fault',
      'hmm_devmem_fault',
      'dmirror_devmem_fault',
      'migrate_vma',
    ];
    expect(order.map((n) => path.indexOf(n))).toEqual(
      [...order.map((n) => path.indexOf(n))].sort((a, b) => a - b),
    );
    expect(path.indexOf('do_swap_page')).toBeGreaterThanOrEqual(0);
    expect(f.result).toEqual({ ret: 0, values: [10] });
  });

  it('maps the page back read-only (v4.14: pte_write of a swap PTE is 0)', () => {
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'present', write: false });
    expect(f.events.some((e) => /write permission lost/.test(e.text))).toBe(true);
  });

  it('runs page_free when the device page drops back to refcount 1', () => {
    expect(f.state.counters.page_free).toBe(1);
    expect(f.state.counters.device_faults).toBe(1);
    expect(f.state.counters.migrated_to_system).toBe(1);
    expect(fns(f)).toContain('dmirror_devmem_free');
    expect(f.violations).toEqual([]);
  });

  it('costs an extra write fault that do_wp_page resolves by reuse', () => {
    const g = last(
      run([...setup(1), toDev(1), { op: 'write', pid: 1, addr: A, npages: 1, values: [7] }]),
    );
    const path = fns(g);
    expect(path.filter((n) => n === 'handle_mm_fault')).toHaveLength(2);
    expect(path).toContain('wp_page_reuse');
    expect(pteAt(g.state, 1, A)).toMatchObject({ kind: 'present', write: true });
  });

  it('delivers SIGBUS when the driver reports a device error, and kills the task', () => {
    const g = last(
      run([
        ...setup(1),
        toDev(1),
        { op: 'inject', device: 'dmirror0', fault: 'device-error' },
        { op: 'read', pid: 1, addr: A, npages: 1 },
      ]),
    );
    expect(g.result).toMatchObject({ signal: 'SIGBUS', values: [] });
    expect(processOf(g.state, 1)?.alive).toBe(false);
  });

  it('reports VM_FAULT_OOM from the driver as oom', () => {
    const g = last(
      run([
        ...setup(1),
        toDev(1),
        { op: 'inject', device: 'dmirror0', fault: 'oom' },
        { op: 'read', pid: 1, addr: A, npages: 1 },
      ]),
    );
    expect(g.result).toMatchObject({ oom: true });
    expect(fns(g)).toContain('pagefault_out_of_memory');
  });
});

describe('migrate back with MIGRATE_TO_SYS', () => {
  it('moves every device page home and reports cpages', () => {
    const f = last(
      run([
        ...setup(3),
        toDev(3),
        { op: 'dmirror_migrate_to_sys', device: 'dmirror0', pid: 1, addr: A, npages: 3 },
      ]),
    );
    expect(f.result).toEqual({ ret: 0, cpages: 3, faults: 0 });
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'present' });
    expect(f.state.counters.page_free).toBe(3);
  });
});
