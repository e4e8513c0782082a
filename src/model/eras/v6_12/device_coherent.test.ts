/**
 * DEVICE_COHERENT in v6.12 (kernel-semantics.md §2.20; mm/memremap.c memremap_pages
 * MEMORY_DEVICE_COHERENT, mm/migrate_device.c migrate_vma_collect_pmd /
 * migrate_vma_insert_page / __migrate_device_pages, mm/hmm.c hmm_vma_handle_pte, mm/gup.c
 * check_and_migrate_movable_pages, lib/test_hmm.c dmirror_allocate_chunk / dmirror_select_device
 * / dmirror_mkentry).
 */
import { describe, expect, it } from 'vitest';
import type { Op } from '../../ops';
import { A, fns, last, pageAt, pteAt, run, run612 } from '../../../test/modelKit';
import { checkAllInvariants } from '../../invariants';
import { snapshotState } from '../../vmlinux';

const N = 2;
const setupC = (type: 'coherent' | 'private' = 'coherent'): Op[] => [
  { op: 'device_add', device: 'dmirror0', type },
  { op: 'spawn', pid: 1 },
  { op: 'mmap', pid: 1, addr: A, npages: N, prot: 'rw', flags: ['private', 'anonymous'] },
  { op: 'write', pid: 1, addr: A, npages: N, values: [10, 11] },
];
const toDev = (device = 'dmirror0'): Op => ({
  op: 'dmirror_migrate_to_dev',
  device,
  pid: 1,
  addr: A,
  npages: N,
});
const snap = (device = 'dmirror0'): Op => ({
  op: 'dmirror_snapshot',
  device,
  pid: 1,
  addr: A,
  npages: N,
});

describe('memremap_pages(MEMORY_DEVICE_COHERENT) for a coherent dmirror device', () => {
  const f = last(run612(setupC().slice(0, 1)));

  it('maps the specific-purpose range with a linear mapping (arch_add_memory)', () => {
    expect(f.result).toEqual({ ret: 0 });
    expect(fns(f)).toEqual(expect.arrayContaining(['memremap_pages', 'arch_add_memory']));
    const res = snapshotState(f.state).resources.find((r) => r.name === 'dmirror0');
    expect(res?.desc).toBe('IORES_DESC_SOFT_RESERVED');
  });

  it('v4.14 refuses it with the reason (MEMORY_DEVICE_COHERENT arrives in v6.0)', () => {
    const g = last(run(setupC().slice(0, 1)));
    expect(g.result).toEqual({ ret: -25 });
    expect(g.events.map((e) => e.text).join(' ')).toMatch(/v6\.0/);
  });
});

describe('migrate_vma to coherent memory (mm/migrate_device.c)', () => {
  const f = last(run612([...setupC(), toDev()]));

  it('maps each migrated page with an ordinary present PTE (mk_pte), writable', () => {
    expect(f.result).toMatchObject({ ret: 0, cpages: N });
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'present', write: true });
    expect(pageAt(f.state, 1, A)).toMatchObject({
      memory: 'device-coherent',
      refcount: 1,
      mapcount: 1,
    });
    expect(checkAllInvariants(f.state)).toEqual([]);
  });

  it('the CPU reads and writes device memory without a fault (no migrate_to_ram)', () => {
    const g = last(
      run612([
        ...setupC(),
        toDev(),
        { op: 'write', pid: 1, addr: A, npages: 1, values: [7] },
        { op: 'read', pid: 1, addr: A, npages: N },
      ]),
    );
    expect(g.result).toEqual({ ret: 0, values: [7, 11] });
    expect(fns(g)).not.toContain('handle_mm_fault');
    expect(pageAt(g.state, 1, A)?.memory).toBe('device-coherent');
  });

  it('MIGRATE_TO_SYS selects SELECT_DEVICE_COHERENT with the owner and brings them home', () => {
    const g = last(
      run612([
        ...setupC(),
        toDev(),
        { op: 'dmirror_migrate_to_sys', device: 'dmirror0', pid: 1, addr: A, npages: N },
      ]),
    );
    expect(g.result).toMatchObject({ ret: 0, cpages: N });
    expect(g.events.find((e) => e.fn === 'migrate_vma_setup')?.text).toMatch(
      /SELECT_DEVICE_COHERENT, pgmap_owner dmirror0/,
    );
    expect(pageAt(g.state, 1, A)?.memory).toBe('system');
    expect(checkAllInvariants(g.state)).toEqual([]);
  });

  it('another device’s SELECT_SYSTEM walk skips coherent pages of a different owner', () => {
    const g = last(
      run612([
        ...setupC(),
        { op: 'device_add', device: 'dmirror1', type: 'coherent' },
        toDev(),
        toDev('dmirror1'),
      ]),
    );
    expect(g.result).toMatchObject({ ret: -2 });
    expect(pageAt(g.state, 1, A)?.device).toBe('dmirror0');
  });
});

describe('hmm_range_fault and the dmirror snapshot of coherent pages', () => {
  it('reports DEV_COHERENT_LOCAL | WRITE to the owner and DEV_COHERENT_REMOTE | WRITE to others', () => {
    const ops = [...setupC(), { op: 'device_add', device: 'dmirror1', type: 'coherent' }, toDev()];
    expect(last(run612([...ops, snap()] as Op[])).result).toMatchObject({ bytes: [0x42, 0x42] });
    expect(last(run612([...ops, snap('dmirror1')] as Op[])).result).toMatchObject({
      bytes: [0x52, 0x52],
    });
  });
});

describe('GUP of coherent pages (mm/gup.c)', () => {
  const pin = (flags: ('write' | 'longterm')[]): Op => ({
    op: 'gup',
    pid: 1,
    addr: A,
    npages: 1,
    flags,
  });

  it('a plain GUP pins the device page in place', () => {
    const g = last(run612([...setupC(), toDev(), pin(['write'])]));
    expect(g.result).toEqual({ ret: 0, cpages: 1 });
    expect(pageAt(g.state, 1, A)).toMatchObject({ memory: 'device-coherent', pins: 1 });
  });

  it('FOLL_LONGTERM: v6.12.19 check_and_migrate_movable_pages_or_folios returns 0 before migrating a coherent folio', () => {
    const g = last(run612([...setupC(), toDev(), pin(['write', 'longterm'])]));
    expect(fns(g)).toEqual(
      expect.arrayContaining([
        'collect_longterm_unpinnable_folios',
        'check_and_migrate_movable_pages_or_folios',
      ]),
    );
    expect(fns(g)).not.toContain('migrate_device_coherent_folio');
    expect(pageAt(g.state, 1, A)).toMatchObject({ memory: 'device-coherent', pins: 1 });
  });
});

describe('fork and COW of coherent pages', () => {
  it('copy_present_ptes shares the device page; a write copies it from device memory into RAM', () => {
    const frames = run612([
      ...setupC(),
      toDev(),
      { op: 'fork', pid: 1, child: 2 },
      { op: 'write', pid: 1, addr: A, npages: 1, values: [5] },
    ]);
    const forked = frames[6];
    expect(forked && pageAt(forked.state, 2, A)).toMatchObject({
      memory: 'device-coherent',
      mapcount: 2,
    });
    const g = last(frames);
    expect(pageAt(g.state, 1, A)?.memory).toBe('system');
    expect(pageAt(g.state, 2, A)).toMatchObject({ memory: 'device-coherent', mapcount: 1 });
    expect(checkAllInvariants(g.state)).toEqual([]);
  });

  it('zap frees the last mapping of a coherent page to refcount 0 (free_zone_device_folio)', () => {
    const g = last(run612([...setupC(), toDev(), { op: 'munmap', pid: 1, addr: A, npages: N }]));
    expect(fns(g)).toContain('free_zone_device_folio');
    expect(checkAllInvariants(g.state)).toEqual([]);
  });
});
