/**
 * Device-exclusive entries and DEVICE_COHERENT memory meet a migration paused after
 * migrate_vma_setup (v6.12): make_device_exclusive_range's GUP sleeps in migration_entry_wait
 * (mm/gup.c follow_page_pte → mm/migrate.c migration_entry_wait_on_locked), migrate_vma_collect_pmd
 * skips a device-exclusive entry (mm/migrate_device.c: a non-present entry that is not
 * device-private is not collected), and a coherent page's migration pauses and finishes like a
 * system page's (its PTE is present, so faults and GUP meet the migration entry the same way).
 */
import { describe, expect, it } from 'vitest';
import type { Op } from '../../ops';
import type { Frame } from '../../run';
import { A, PG, fns, last, pageAt, pteAt, run612, setup } from '../../../test/modelKit';
import { checkAllInvariants } from '../../invariants';

const D0 = 'dmirror0';
const D1 = 'dmirror1';
const N = 2;
const excl = (device: string): Op => ({
  op: 'dmirror_exclusive',
  device,
  pid: 1,
  addr: A,
  npages: N,
});
const toDev = (device = D0): Op => ({
  op: 'dmirror_migrate_to_dev',
  device,
  pid: 1,
  addr: A,
  npages: N,
});
const toSys = (device = D0): Op => ({
  op: 'dmirror_migrate_to_sys',
  device,
  pid: 1,
  addr: A,
  npages: N,
});
const pause: Op = { op: 'migrate_pause', device: D0 };
const resume: Op = { op: 'migrate_resume', device: D0 };
const fail: Op = { op: 'migrate_fail', device: D0 };
const secondDevice: Op = { op: 'device_add', device: D1, type: 'private' };
/** A coherent device, a process, an RW private anonymous buffer of N pages written 10, 11. */
const coherent: Op[] = [{ op: 'device_add', device: D0, type: 'coherent' }, ...setup(N).slice(1)];

const noViolations = (frames: Frame[]): void => {
  for (const f of frames) expect(f.violations, JSON.stringify(f.op)).toEqual([]);
  expect(checkAllInvariants(last(frames).state)).toEqual([]);
};

describe('HMM_DMIRROR_EXCLUSIVE while another device migrates the range (paused)', () => {
  const asleep = run612([...setup(N), secondDevice, pause, toDev(), excl(D1)]);

  it('get_user_pages_remote meets the migration entry and sleeps: nothing is made exclusive', () => {
    const f = last(asleep);
    expect(f.result).toEqual({ waits: 'migration_entry', addr: '0x10000000' });
    expect(fns(f)).toEqual(
      expect.arrayContaining(['make_device_exclusive_range', 'migration_entry_wait_on_locked']),
    );
    expect(fns(f)).not.toContain('folio_make_device_exclusive');
    expect(f.state.waiters).toEqual([
      expect.objectContaining({ on: 'migration_entry', pid: 1, op: excl(D1) }),
    ]);
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'migration' });
    noViolations(asleep);
  });

  it('resume: the woken ioctl faults the moved pages back (migrate_to_ram) and takes them', () => {
    const frames = run612([...setup(N), secondDevice, pause, toDev(), excl(D1), resume]);
    const f = last(frames);
    expect(f.result?.woken).toEqual([
      {
        op: 'dmirror_exclusive',
        pid: 1,
        on: 'migration_entry',
        addr: '0x10000000',
        result: { ret: 0, cpages: N, faults: 0 },
      },
    ]);
    expect(fns(f)).toContain('dmirror_devmem_fault');
    for (const i of [0, 1]) {
      expect(pteAt(f.state, 1, A + i * PG)).toMatchObject({
        kind: 'device-exclusive',
        write: true,
      });
      expect(pageAt(f.state, 1, A + i * PG)).toMatchObject({ memory: 'system', value: 10 + i });
    }
    noViolations(frames);
  });

  it('fail: the old pages come back and the woken ioctl makes those exclusive', () => {
    const frames = run612([...setup(N), secondDevice, pause, toDev(), excl(D1), fail]);
    const f = last(frames);
    expect(f.result?.woken?.[0]?.result).toEqual({ ret: 0, cpages: N, faults: 0 });
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'device-exclusive', pfn: 1 });
    noViolations(frames);
  });
});

describe('migrate_vma_collect_pmd on a device-exclusive entry (v6.12)', () => {
  const frames = run612([...setup(N), excl(D0), pause, toDev()]);
  const f = last(frames);

  it('is not collected: no page to pause on, the entries stay, the read-back sees ATOMIC pages', () => {
    expect(f.events.some((e) => /device-exclusive entry is not migratable/.test(e.text))).toBe(
      true,
    );
    // dmirror_migrate_to_device's cpages is what dmirror_do_read reads back through the device
    // page table: the ATOMIC entries of HMM_DMIRROR_EXCLUSIVE.
    expect(f.result).toEqual({ ret: 0, cpages: N, faults: 0 });
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'device-exclusive', pfn: 1 });
    expect(f.state.inflight).toBeUndefined();
    noViolations(frames);
  });
});

describe('a migration to DEVICE_COHERENT memory paused after migrate_vma_setup', () => {
  it('a load sleeps on the entry; resume maps the coherent page and the load reads it', () => {
    const frames = run612([
      ...coherent,
      pause,
      toDev(),
      { op: 'read', pid: 1, addr: A, npages: N },
      resume,
    ]);
    const asleep = frames[frames.length - 2];
    expect(asleep?.result).toEqual({ waits: 'migration_entry', addr: '0x10000000', values: [] });
    const f = last(frames);
    expect(f.result?.woken?.[0]?.result).toEqual({ ret: 0, values: [10, 11] });
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'present', write: true });
    expect(pageAt(f.state, 1, A)).toMatchObject({ memory: 'device-coherent', value: 10 });
    noViolations(frames);
  });

  it('back to system memory (SELECT_DEVICE_COHERENT): a store sleeps, then writes the new page', () => {
    const store: Op = { op: 'write', pid: 1, addr: A, npages: 1, values: [7] };
    const frames = run612([...coherent, toDev(), pause, toSys(), store, resume]);
    const f = last(frames);
    expect(f.result?.woken?.[0]?.result).toEqual({ ret: 0 });
    expect(pageAt(f.state, 1, A)).toMatchObject({ memory: 'system', value: 7 });
    noViolations(frames);
  });

  it('failed: the coherent page is mapped again and the woken store writes it in place', () => {
    const store: Op = { op: 'write', pid: 1, addr: A, npages: 1, values: [7] };
    const frames = run612([...coherent, toDev(), pause, toSys(), store, fail]);
    const f = last(frames);
    expect(pageAt(f.state, 1, A)).toMatchObject({ memory: 'device-coherent', value: 7 });
    noViolations(frames);
  });

  it('a FOLL_LONGTERM pin sleeps, then pins the system pages the migration left', () => {
    const pin: Op = { op: 'gup', pid: 1, addr: A, npages: N, flags: ['write', 'longterm'] };
    const frames = run612([...coherent, toDev(), pause, toSys(), pin, resume]);
    const f = last(frames);
    expect(f.result?.woken?.[0]?.result).toEqual({ ret: 0, cpages: N });
    expect(pageAt(f.state, 1, A)).toMatchObject({ memory: 'system', pins: 1 });
    noViolations(frames);
  });
});
