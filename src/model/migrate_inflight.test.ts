/**
 * Migration in flight (issue 10): a migration paused after its unmap stage, what other steps see
 * while it is paused, and what they see when it resumes or fails. Each test names the kernel
 * function whose behaviour it checks (v4.14 mm/migrate.c, mm/memory.c, mm/hmm.c; v6.12 where the
 * era differs).
 */
import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { A, PG, fns, last, pageAt, pteAt, run, run612, setup } from '../test/modelKit';
import type { Op } from './ops';
import type { Frame } from './run';
import { checkAllInvariants } from './invariants';
import { driversOf, snapshotState } from './vmlinux';
import { newKernel, getPte, syncKernel } from './kernel';
import { do_fork } from './fork';
import { asPid, asVpn, addrToVpn } from './ids';
import { lookupPage } from './page_store';
import { processOf } from './query';

const D = 'dmirror0';
const pause: Op = { op: 'migrate_pause', device: D };
const resume: Op = { op: 'migrate_resume', device: D };
const fail: Op = { op: 'migrate_fail', device: D };
const toDev = (n: number, pid = 1): Op => ({
  op: 'dmirror_migrate_to_dev',
  device: D,
  pid,
  addr: A,
  npages: n,
});
const read = (pid: number, n = 1, addr = A): Op => ({ op: 'read', pid, addr, npages: n });
const res = (f: Frame) => f.result ?? {};
/** The frame before the last: the step that sleeps, before the one that wakes it. */
const prev = (frames: Frame[]): Frame => {
  const f = frames[frames.length - 2];
  if (!f) throw new Error('too few frames');
  return f;
};
const noViolations = (frames: Frame[]): void => {
  for (const f of frames) expect(f.violations, JSON.stringify(f.op)).toEqual([]);
  expect(checkAllInvariants(last(frames).state)).toEqual([]);
};

describe('migrate_vma paused after migrate_vma_unmap (v4.14 mm/migrate.c)', () => {
  const frames = run([...setup(2), pause, toDev(2)]);
  const f = last(frames);

  it('stops before ops->alloc_and_copy with migration entries and locked, isolated pages', () => {
    expect(f.result).toEqual({ paused: 'after_unmap', cpages: 2 });
    expect(fns(f)).toContain('migrate_vma_unmap');
    expect(fns(f)).not.toContain('ops->alloc_and_copy');
    expect(fns(f)).not.toContain('migrate_vma_finalize');
    for (const i of [0, 1]) {
      expect(pteAt(f.state, 1, A + i * PG)).toMatchObject({ kind: 'migration', write: true });
      const pte = pteAt(f.state, 1, A + i * PG);
      const pg = pte && 'pfn' in pte ? lookupPage(f.state, pte.pfn) : undefined;
      expect(pg).toMatchObject({ locked: true, lru: false, mapcount: 0 });
    }
    expect(f.state.inflight?.[0]).toMatchObject({ device: D, dir: 'to_dev' });
  });

  it('is a legal state to end in: no invariant breaks, the snapshot lists the migration', () => {
    noViolations(frames);
    const snap = snapshotState(f.state);
    expect(snap.inflight).toEqual([
      {
        device: D,
        dir: 'to_dev',
        pid: 1,
        start: '0x10000000',
        end: '0x10002000',
        stage: 'after_unmap',
        cpages: 2,
        src: ['pfn 0x1|MIGRATE|LOCKED|WRITE', 'pfn 0x2|MIGRATE|LOCKED|WRITE'],
      },
    ]);
    expect(snap.waiters).toBeUndefined();
  });

  it('I-6/I-16: the same entries without a paused migration are violations', () => {
    const orphan = produce(f.state, (s) => {
      delete s.inflight;
    });
    const ids = checkAllInvariants(orphan).map((v) => v.id);
    expect(ids).toContain('I-6');
    expect(ids).toContain('I-16');
  });

  it('migrate_pause twice is -EBUSY; migrate_resume with nothing paused (only armed) is -EINVAL', () => {
    const g = run([...setup(1), pause, pause, resume, resume]);
    expect(g.slice(-4).map((x) => res(x).ret)).toEqual([0, -16, -22, -22]);
  });

  it('device_remove while its migration is paused is -EBUSY (the ioctl holds the device)', () => {
    const g = last(run([...setup(1), pause, toDev(1), { op: 'device_remove', device: D }]));
    expect(g.result).toEqual({ ret: -16 });
  });
});

describe('do_swap_page → migration_entry_wait on a paused migration', () => {
  const frames = run([...setup(2), pause, toDev(2), read(1, 2)]);
  const f = last(frames);

  it('the load sleeps: the step reports the wait, the waiter is recorded, nothing spins', () => {
    expect(f.result).toEqual({ waits: 'migration_entry', addr: '0x10000000', values: [] });
    expect(fns(f)).toEqual(
      expect.arrayContaining(['do_swap_page', '__migration_entry_wait', 'wait_on_page_locked']),
    );
    expect(f.state.waiters).toEqual([
      {
        on: 'migration_entry',
        pid: 1,
        op: { op: 'read', pid: 1, addr: A, npages: 2 },
        pfn: 1,
        vpn: addrToVpn(A),
        ref: true,
      },
    ]);
    noViolations(frames);
  });

  it('v4.14 __migration_entry_wait holds a page reference while it sleeps', () => {
    expect(lookupPage(f.state, 1 as never)?.refcount).toBe(2);
  });

  it('v4.14: that reference fails migrate_page_move_mapping, so the waiter sees the old page', () => {
    const g = run([...setup(2), pause, toDev(2), read(1, 2), resume]);
    const r = last(g);
    const moved = r.events.find((e) => e.fn === 'migrate_page_move_mapping');
    expect(moved?.text).toContain('-EAGAIN');
    expect(res(r).woken).toEqual([
      {
        op: 'read',
        pid: 1,
        on: 'migration_entry',
        addr: '0x10000000',
        result: { ret: 0, values: [10, 11] },
      },
    ]);
    // Page 0 came back as the old system page; page 1 moved, and the retried load of it faulted
    // it home through the device-private entry.
    expect(pteAt(r.state, 1, A)).toMatchObject({ kind: 'present', pfn: 1 });
    noViolations(g);
  });

  it('v6.12 migration_entry_wait_on_locked takes no reference: the page moves', () => {
    const g = run612([...setup(2), pause, toDev(2), read(1, 1), resume]);
    expect(lookupPage(prev(g).state, 1 as never)?.refcount).toBe(1);
    expect(fns(prev(g))).toContain('migration_entry_wait_on_locked');
    const r = last(g);
    expect(res(r).woken?.[0]?.result).toEqual({ ret: 0, values: [10] });
    // The retried load met the new device-private entry and migrate_to_ram brought it home.
    expect(fns(r)).toContain('dmirror_devmem_fault');
    noViolations(g);
  });
});

describe('migrate_fail: alloc_and_copy leaves dst[] empty, migrate_vma_finalize restores', () => {
  const frames = run([...setup(2), pause, toDev(2), read(1), fail]);
  const r = last(frames);

  it('every old page is back behind its PTE, unlocked, and the waiter reads it', () => {
    expect(pteAt(r.state, 1, A)).toMatchObject({ kind: 'present', pfn: 1, write: true });
    expect(pteAt(r.state, 1, A + PG)).toMatchObject({ kind: 'present', pfn: 2, write: true });
    expect(pageAt(r.state, 1, A)).toMatchObject({ locked: false, lru: true, refcount: 1 });
    expect(res(r).woken?.[0]?.result).toEqual({ ret: 0, values: [10] });
    expect(res(r).ret).toBe(-2); // the ioctl's read-back: nothing reached the device
    expect(r.state.inflight).toBeUndefined();
    expect(r.state.waiters).toBeUndefined();
    noViolations(frames);
  });
});

describe('hmm_vma_walk_pmd on a migration entry (v4.14 mm/hmm.c)', () => {
  it('with fault: migration_entry_wait and -EAGAIN — the device read sleeps, then completes', () => {
    const dread: Op = { op: 'dmirror_read', device: 'dmirror1', pid: 1, addr: A, npages: 1 };
    const frames = run([
      ...setup(1),
      { op: 'device_add', device: 'dmirror1', type: 'private' },
      pause,
      toDev(1),
      dread,
      fail,
    ]);
    const w = prev(frames);
    expect(w.result).toMatchObject({ waits: 'migration_entry', addr: '0x10000000', cpages: 0 });
    expect(fns(w)).toContain('hmm_vma_walk_pmd');
    expect(fns(w)).not.toContain('handle_mm_fault');
    const r = last(frames);
    expect(res(r).woken?.[0]).toMatchObject({
      op: 'dmirror_read',
      result: { ret: 0, cpages: 1, values: [10] },
    });
    noViolations(frames);
  });

  it('without fault (snapshot): the entry is not valid — HMM_DMIRROR_SNAPSHOT reads NONE', () => {
    const snap: Op = { op: 'dmirror_snapshot', device: D, pid: 1, addr: A, npages: 1 };
    const f = last(run([...setup(1), pause, toDev(1), snap]));
    expect(f.result).toEqual({ ret: 0, cpages: 1, faults: 0, bytes: [0] });
  });
});

/** pid 1 writes 2 pages and forks pid 2: both map the pages read-only (COW). */
const shared: Op[] = [...setup(2), { op: 'fork', pid: 1, child: 2 }];

describe('zap_pte_range on a migration entry (munmap, madvise while paused)', () => {
  it('another mm munmaps: rss counts down, the entry goes; finalize restores only the rest', () => {
    const frames = run([
      ...shared,
      pause,
      toDev(2),
      { op: 'munmap', pid: 2, addr: A, npages: 2 },
      resume,
    ]);
    const z = prev(frames);
    expect(z.result).toEqual({ ret: 0 });
    expect(processOf(z.state, 2)?.rss.anon).toBe(0);
    expect(pteAt(z.state, 2, A)).toBeUndefined();
    const r = last(frames);
    expect(pteAt(r.state, 1, A)).toMatchObject({ kind: 'device-private' });
    expect(pageAt(r.state, 1, A)?.mapcount).toBe(1);
    noViolations(frames);
  });

  it('munmap in the migrating mm sleeps on mmap_sem (held for read) and runs at resume', () => {
    const frames = run([
      ...setup(1),
      pause,
      toDev(1),
      { op: 'munmap', pid: 1, addr: A, npages: 1 },
      resume,
    ]);
    const w = prev(frames);
    expect(w.result).toEqual({ waits: 'mmap_sem' });
    expect(pteAt(w.state, 1, A)).toMatchObject({ kind: 'migration' });
    const r = last(frames);
    expect(res(r).woken).toEqual([{ op: 'munmap', pid: 1, on: 'mmap_sem', result: { ret: 0 } }]);
    expect(pteAt(r.state, 1, A)).toBeUndefined();
    noViolations(frames);
  });

  it('madvise(DONTNEED) takes mmap_sem for read: it zaps, and finalize frees the new page', () => {
    const frames = run([
      ...setup(1),
      pause,
      toDev(1),
      { op: 'madvise', pid: 1, addr: A, npages: 1, advice: 'dontneed' },
      resume,
    ]);
    const z = prev(frames);
    expect(z.result).toEqual({ ret: 0 });
    expect(processOf(z.state, 1)?.rss.anon).toBe(0);
    const r = last(frames);
    const rm = r.events.filter((e) => e.fn === 'remove_migration_pte');
    expect(rm).toEqual([]);
    expect(fns(r)).toContain('dmirror_devmem_free');
    expect(pteAt(r.state, 1, A)).toBeUndefined();
    expect(lookupPage(r.state, 1 as never)?.refcount ?? 0).toBe(0); // the old page is free too
    // test_hmm's finalize_and_map still stores the freed device page in the device's table (it
    // checks only MIGRATE and dst): a stale entry the real driver leaves too.
    expect(fns(r)).toContain('xa_store');
    noViolations(frames);
  });
});

describe('copy_one_pte on a migration entry (fork while paused)', () => {
  it('another mm forks: the child gets the entry (rss++), resume restores all three mappings', () => {
    const frames = run([...shared, pause, toDev(2), { op: 'fork', pid: 2, child: 3 }, resume]);
    const c = prev(frames);
    expect(pteAt(c.state, 3, A)).toMatchObject({ kind: 'migration', write: false });
    expect(processOf(c.state, 3)?.rss.anon).toBe(2);
    const r = last(frames);
    for (const pid of [1, 2, 3])
      expect(pteAt(r.state, pid, A)).toMatchObject({ kind: 'device-private', write: false });
    expect(pageAt(r.state, 1, A)?.mapcount).toBe(3);
    noViolations(frames);
  });

  it('fork of the migrating mm sleeps on mmap_sem (dup_mmap takes it for write)', () => {
    const frames = run([...setup(1), pause, toDev(1), { op: 'fork', pid: 1, child: 2 }, resume]);
    expect(prev(frames).result).toEqual({ waits: 'mmap_sem' });
    expect(res(last(frames)).woken?.[0]).toMatchObject({ op: 'fork', result: { ret: 0 } });
    noViolations(frames);
  });

  it('a write migration entry in a COW mapping becomes a read one in parent and child', () => {
    const before = run([...setup(1), pause, toDev(1)]);
    const s = last(before).state;
    expect(pteAt(s, 1, A)).toMatchObject({ kind: 'migration', write: true });
    const after = produce(s, (draft) => {
      const k = newKernel(draft, driversOf('v4.14'));
      expect(do_fork(k, asPid(1), asPid(2))).toBe(0);
      expect(getPte(k, asPid(2), asVpn(addrToVpn(A)))).toEqual({
        kind: 'migration',
        pfn: 1,
        write: false,
      });
      // The step's end: the per-step RSS counters are written back (sync_mm_rss).
      syncKernel(k);
    });
    expect(pteAt(after, 1, A)).toMatchObject({ kind: 'migration', write: false });
    expect(processOf(after, 2)?.rss.anon).toBe(1);
  });
});
