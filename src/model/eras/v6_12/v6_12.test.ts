/**
 * The v6.12 transitions, one test per kernel function that differs from v4.14 (kernel-semantics.md
 * §2.7–2.9, §4.1 E5; checked against the v6.12.19 tree, docs/kernel-notes-v6.12.md).
 */
import { describe, expect, it } from 'vitest';
import type { Op } from '../../ops';
import { A, PG, fns, last, pageAt, pteAt, run, run612, setup, toDev } from '../../../test/modelKit';
import { checkAllInvariants } from '../../invariants';
import { lookupPage } from '../../page_store';
import { snapshotState } from '../../vmlinux';
import type { Pfn } from '../../types';

const read = (pid: number, addr = A, npages = 1): Op => ({ op: 'read', pid, addr, npages });
const write = (pid: number, values: number[], addr = A): Op => ({
  op: 'write',
  pid,
  addr,
  npages: values.length,
  values,
});

describe('memremap_pages + request_free_mem_region (mm/memremap.c, kernel/resource.c)', () => {
  const f = last(run612(setup(0).slice(0, 1)));

  it('hotplugs the chunk at the top of the physical space, section aligned', () => {
    expect(fns(f)).toEqual(
      expect.arrayContaining([
        'dmirror_device_init',
        'request_free_mem_region',
        'get_free_mem_region',
        'memremap_pages',
      ]),
    );
    expect(fns(f)).not.toContain('hmm_devmem_add');
    const res = snapshotState(f.state).resources.find((r) => r.name === 'dmirror0');
    expect(res).toMatchObject({
      start: '0x3ffff0000000',
      desc: 'IORES_DESC_DEVICE_PRIVATE_MEMORY',
    });
  });

  it('leaves free device pages at refcount 0 (memmap_init_zone_device)', () => {
    expect(lookupPage(f.state, 0x3ffff0000 as Pfn)).toMatchObject({
      refcount: 0,
      allocated: false,
    });
  });

  it('refuses DEVICE_PUBLIC with the reason (removed in v5.3)', () => {
    const g = last(run612([{ op: 'device_add', device: 'dmirror0', type: 'public' }]));
    expect(g.result).toEqual({ ret: -25 });
    expect(g.events.map((e) => e.text).join(' ')).toMatch(/removed in v5\.3/);
  });
});

describe('migrate_vma_setup / pages / finalize to the device (mm/migrate_device.c)', () => {
  const f = last(run612([...setup(2), toDev(2)]));

  it('the driver runs setup (collect, unmap), its copy, pages, its map, finalize in order (test_hmm.c dmirror_migrate_to_device)', () => {
    const want = [
      'migrate_vma_setup',
      'migrate_vma_collect',
      'migrate_device_unmap',
      'dmirror_migrate_alloc_and_copy',
      'migrate_vma_pages',
      'dmirror_migrate_finalize_and_map',
      'migrate_vma_finalize',
    ];
    const seen = fns(f)
      .filter((n) => want.includes(n))
      .filter((n, i, all) => all[i - 1] !== n);
    expect(seen).toEqual(want);
    expect(fns(f)).not.toContain('migrate_vma_prepare');
    expect(f.events.find((e) => e.fn === 'migrate_vma_setup')?.text).toMatch(
      /SELECT_SYSTEM, pgmap_owner dmirror0/,
    );
  });

  it('zone_device_page_init takes the page 0 → 1; mapped it is at refcount = mapcount = 1', () => {
    expect(fns(f)).toContain('zone_device_page_init');
    expect(pageAt(f.state, 1, A)).toMatchObject({ refcount: 1, mapcount: 1, locked: false });
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'device-private', write: true });
    expect(f.result).toEqual({ ret: 0, cpages: 2, faults: 0 });
    expect(checkAllInvariants(f.state)).toEqual([]);
  });

  it('v4.14 holds the same page at refcount 2 (the idle reference)', () => {
    expect(pageAt(last(run([...setup(2), toDev(2)])).state, 1, A)).toMatchObject({ refcount: 2 });
  });
});

describe('do_swap_page → migrate_to_ram with fault_page (mm/memory.c, lib/test_hmm.c)', () => {
  const frames = run612([...setup(2), toDev(2), write(1, [42])]);
  const f = last(frames);

  it('holds a page reference around pgmap->ops->migrate_to_ram (16ce101db85d)', () => {
    const names = fns(f);
    const get = f.events.findIndex((e) => e.fn === 'get_page' && /do_swap_page/.test(e.text));
    const cb = names.indexOf('pgmap->ops->migrate_to_ram');
    const put = f.events.findIndex(
      (e) => e.fn === 'folio_put' && /migrate_to_ram returned/.test(e.text),
    );
    expect(get).toBeGreaterThanOrEqual(0);
    expect(cb).toBeGreaterThan(get);
    expect(put).toBeGreaterThan(cb);
    expect(f.events.find((e) => e.fn === 'migrate_vma_setup')?.text).toMatch(
      /SELECT_DEVICE_PRIVATE, pgmap_owner dmirror0, fault_page pfn 0x3ffff0000/,
    );
  });

  it('keeps the write bit: one fault, the page comes back writable (migrate_vma_collect_pmd)', () => {
    expect(f.result).toEqual({ ret: 0 });
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'present', write: true });
    expect(f.state.counters.cpu_faults - last(frames.slice(0, -1)).state.counters.cpu_faults).toBe(
      1,
    );
    expect(pageAt(f.state, 1, A)).toMatchObject({ memory: 'system', value: 42 });
  });

  it('v4.14 loses it: READ migration entry, a second (write-protect) fault', () => {
    const old = run([...setup(2), toDev(2), write(1, [42])]);
    const g = last(old);
    expect(g.state.counters.cpu_faults - last(old.slice(0, -1)).state.counters.cpu_faults).toBe(2);
    expect(fns(g)).toContain('do_wp_page');
  });

  it('free_zone_device_folio runs at 0 and the page stays at 0 (put_dev_pagemap)', () => {
    expect(fns(f)).toEqual(
      expect.arrayContaining([
        'free_zone_device_folio',
        'pgmap->ops->page_free',
        'put_dev_pagemap',
      ]),
    );
    expect(lookupPage(f.state, 0x3ffff0000 as Pfn)).toMatchObject({
      refcount: 0,
      allocated: false,
    });
    expect(f.state.counters.page_free).toBe(1);
    expect(checkAllInvariants(f.state)).toEqual([]);
  });
});

describe('fork, then a CPU write (try_to_migrate sees the child: no livelock)', () => {
  const steps: Op[] = [
    ...setup(1, [5]),
    toDev(1),
    { op: 'fork', pid: 1, child: 2 },
    write(1, [6]),
    read(2),
  ];

  it('v6.12 migrates both mappings home, then COWs the parent (hmm_cow_in_device)', () => {
    const frames = run612(steps);
    const w = frames[frames.length - 2];
    expect(w?.result).toEqual({ ret: 0 });
    expect(w ? fns(w) : []).toEqual(
      expect.arrayContaining(['try_to_migrate', 'try_to_migrate_one', 'do_wp_page']),
    );
    const f = last(frames);
    expect(f.result).toEqual({ ret: 0, values: [5] });
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'present', write: true });
    expect(pteAt(f.state, 2, A)).toMatchObject({ kind: 'present', write: false });
    expect(checkAllInvariants(f.state)).toEqual([]);
  });

  it('v4.14 livelocks on the same steps (map_pte bug)', () => {
    const frames = run(steps);
    expect(frames[frames.length - 2]?.result).toMatchObject({ livelock: true });
  });
});

describe('hmm_range_fault with dev_private_owner (mm/hmm.c)', () => {
  const two: Op[] = [
    { op: 'device_add', device: 'dmirror0', type: 'private' },
    { op: 'device_add', device: 'dmirror1', type: 'private' },
    { op: 'spawn', pid: 1 },
    { op: 'mmap', pid: 1, addr: A, npages: 2, prot: 'rw', flags: ['private', 'anonymous'] },
    write(1, [1, 2]),
    toDev(1, 1, 'dmirror1', A + PG),
  ];

  it('a snapshot shows another device’s page as NONE (owner mismatch, no fault)', () => {
    const f = last(
      run612([...two, { op: 'dmirror_snapshot', device: 'dmirror0', pid: 1, addr: A, npages: 2 }]),
    );
    expect(f.result).toMatchObject({ ret: 0, bytes: [0x02, 0x00] });
    const g = last(
      run([...two, { op: 'dmirror_snapshot', device: 'dmirror0', pid: 1, addr: A, npages: 2 }]),
    );
    expect(g.result).toMatchObject({ bytes: [0x02, 0x32] });
  });

  it('a device read faults the other device’s page home through its migrate_to_ram', () => {
    const f = last(
      run612([...two, { op: 'dmirror_read', device: 'dmirror0', pid: 1, addr: A, npages: 2 }]),
    );
    expect(f.result).toEqual({ ret: 0, cpages: 2, faults: 1, values: [1, 2] });
    expect(fns(f)).toContain('pgmap->ops->migrate_to_ram');
    expect(fns(f)).not.toContain('get_user_pages');
    expect(pteAt(f.state, 1, A + PG)).toMatchObject({ kind: 'present' });
  });
});

describe('migrate_device_range: device removal evicts first (dmirror_device_remove_chunks)', () => {
  const f = last(
    run612([...setup(2), toDev(2), { op: 'device_remove', device: 'dmirror0' }, read(1, A, 2)]),
  );

  it('the CPU reads its data back from system memory; nothing is left mapped', () => {
    expect(f.result).toEqual({ ret: 0, values: [10, 11] });
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'present' });
    expect(checkAllInvariants(f.state)).toEqual([]);
  });

  it('HMM_DMIRROR_RELEASE does the same and leaves the device usable', () => {
    const frames = run612([
      ...setup(2),
      toDev(2),
      { op: 'dmirror_release', device: 'dmirror0' },
      toDev(2),
    ]);
    const rel = frames[frames.length - 2];
    expect(rel?.result).toEqual({ ret: 0 });
    expect(rel ? fns(rel) : []).toEqual(
      expect.arrayContaining(['migrate_device_range', 'migrate_device_pages', 'memunmap_pages']),
    );
    expect(last(frames).result).toEqual({ ret: 0, cpages: 2, faults: 0 });
  });
});

describe('dmirror_devmem_fault_alloc_and_copy: no system page is skipped, not VM_FAULT_OOM', () => {
  // RAM: pfn 0, 2 frames and the zero page. Two pages migrate (freeing both frames), two more are
  // written (taking them back): the fault on page 0 finds no system page to copy into.
  const steps: Op[] = [
    { op: 'device_add', device: 'dmirror0', type: 'private' },
    { op: 'spawn', pid: 1 },
    { op: 'mmap', pid: 1, addr: A, npages: 4, prot: 'rw', flags: ['private', 'anonymous'] },
    { op: 'write', pid: 1, addr: A, npages: 2, values: [1, 2] },
    toDev(2),
    { op: 'write', pid: 1, addr: A + 2 * PG, npages: 2, values: [3, 4] },
    read(1),
  ];
  const machine = { ramPages: 4 };

  it('the fault returns 0 and repeats: reported as a livelock (v4.14: VM_FAULT_OOM)', () => {
    const f = last(run612(steps, machine));
    expect(f.result).toMatchObject({ livelock: true });
    expect(f.events.map((e) => e.text).join(' ')).toMatch(/skipped and the fault returns 0/);
    expect(last(run(steps, machine)).result).toMatchObject({ oom: true });
  });
});

describe('hmm_range_fault reports the caller’s own device-private page without faulting it', () => {
  it('a device write to its own read-only entry (after fork) is -EFAULT (dmirror_do_fault WARN_ON)', () => {
    const f = last(
      run612([
        ...setup(2),
        toDev(2),
        { op: 'fork', pid: 1, child: 2 },
        { op: 'dmirror_write', device: 'dmirror0', pid: 2, addr: A, npages: 2, values: [1, 2] },
      ]),
    );
    expect(f.result).toMatchObject({ ret: -14 });
    expect(f.events.map((e) => e.text).join(' ')).toMatch(/WARN_ON, -EFAULT/);
    expect(pteAt(f.state, 2, A)).toMatchObject({ kind: 'device-private', write: false });
  });
});
