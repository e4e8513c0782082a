/**
 * The device's commands (lib/test_hmm.c ioctls: READ, WRITE, MIGRATE_TO_DEV, MIGRATE_TO_SYS,
 * SNAPSHOT), each returning what struct hmm_dmirror_cmd would: ret, cpages, faults.
 */
import type { Kernel } from '../kernel';
import { call, page, proc, trace, procOrNull } from '../kernel';
import type { DeviceId, Pid, Vma, Vpn } from '../types';
import type { Op, StepResult } from '../ops';
import { Errno } from '../ops';
import { asVpn, hexVpn, vpnToAddr } from '../ids';
import { vmaAt } from '../mm';
import { migrate_vma, migrate_vma_finish, migratedCount, type MigrateOutcome } from '../migrate';
import { pausedOn, sleep_on_page } from '../migrate_inflight';
import type { MigrateOpsRef, MigrateVma } from '../driver_api';
import { hmm_vma_get_pfns } from '../hmm_mirror';
import { TO_DEVICE, TO_SYSTEM, migratePrivate } from './dmirror_migrate';
import { mirrorGet, mirrorOf } from './dmirror_mirror';
import { DMIRROR_LIVELOCK, dmirror_fault } from './dmirror_fault';
import { isModern } from '../eras/spec';

const FILE = 'lib/test_hmm.c';
const WINDOW = 64;

/**
 * dmirror_do_read / dmirror_do_write: use the device page table only; stop at a missing entry (a
 * write needs DPT_XA_TAG_WRITE: an ATOMIC entry does not do).
 */
export function access(
  k: Kernel,
  dev: DeviceId,
  pid: Pid,
  start: Vpn,
  end: Vpn,
  values: readonly number[] | null,
  out: number[],
): boolean {
  for (let v = start + out.length; v < end; v++) {
    const e = mirrorGet(k, dev, pid, asVpn(v));
    if (!e || (values && e.perm !== 'write')) return false;
    if (values) {
      page(k, e.pfn).value = values[v - start] ?? 0;
      out.push(values[v - start] ?? 0);
    } else out.push(page(k, e.pfn).value);
  }
  return true;
}

export function dmirror_rw(
  k: Kernel,
  dev: DeviceId,
  pid: Pid,
  start: Vpn,
  n: number,
  values: readonly number[] | null,
): StepResult {
  const write = values !== null;
  return call(
    k,
    write ? 'dmirror_write' : 'dmirror_read',
    FILE,
    `${dev}: ${n} page(s) at ${hexVpn(start)}`,
    () => {
      const end = asVpn(start + n);
      const done: number[] = [];
      let faults = 0;
      mirrorOf(k, dev, pid);
      for (let round = 0; round <= n + 1; round++) {
        if (access(k, dev, pid, start, end, values, done)) {
          trace(
            k,
            write ? 'dmirror_do_write' : 'dmirror_do_read',
            FILE,
            `${done.length} page(s) through the device page table`,
          );
          return write
            ? { ret: 0, cpages: done.length, faults }
            : { ret: 0, cpages: done.length, faults, values: done };
        }
        trace(
          k,
          write ? 'dmirror_do_write' : 'dmirror_do_read',
          FILE,
          `-ENOENT at ${hexVpn(asVpn(start + done.length))}: fault the rest`,
        );
        const ret = dmirror_fault(k, dev, pid, asVpn(start + done.length), end, write);
        if (typeof ret === 'object') {
          // The walk sleeps on a paused migration's page; the ioctl goes on from the first page
          // the device has not yet read (or written) when it wakes.
          const from = asVpn(start + done.length);
          const addr = vpnToAddr(from);
          const rest: Op = values
            ? {
                op: 'dmirror_write',
                device: dev,
                pid,
                addr,
                npages: n - done.length,
                values: values.slice(done.length),
              }
            : { op: 'dmirror_read', device: dev, pid, addr, npages: n - done.length };
          sleep_on_page(k, pid, ret.wait, rest);
          const waits = {
            waits: 'migration_entry' as const,
            addr: hexVpn(ret.wait),
            cpages: done.length,
            faults,
          };
          return write ? waits : { ...waits, values: done };
        }
        if (ret === DMIRROR_LIVELOCK) {
          trace(k, 'hmm_vma_fault', 'mm/hmm.c', 'the walk faults forever: livelock, stopped');
          return { livelock: true, cpages: done.length, faults };
        }
        if (ret !== 0)
          return write
            ? { ret, cpages: done.length, faults }
            : { ret, cpages: done.length, faults, values: done };
        faults += 1;
      }
      return { livelock: true, cpages: done.length, faults };
    },
  );
}

export type Dir = 'to_dev' | 'to_sys';

/**
 * How the driver moves one window: v4.14's migrate_vma(ops, …); a v6.12 build passes its own
 * sequence (migrate_vma_setup/pages/finalize, driver/dmirror_v612.ts).
 */
export type MigrateWindow = (
  k: Kernel,
  ops: MigrateOpsRef,
  pid: Pid,
  vma: Vma,
  start: Vpn,
  end: Vpn,
  dir: Dir,
  priv: MigrateVma['private'],
  pause: boolean,
) => MigrateOutcome;

/** How the driver finishes a window that paused after its unmap stage. */
export type FinishWindow = (k: Kernel, ops: MigrateOpsRef, m: MigrateVma, fail: boolean) => void;

const migrateVmaV414: MigrateWindow = (k, ops, pid, vma, start, end, _dir, priv, pause) =>
  migrate_vma(k, ops, pid, vma, start, end, priv, pause);

const finishV414: FinishWindow = (k, ops, m, fail) => {
  call(k, 'migrate_vma', 'mm/migrate.c', 'resumed after migrate_vma_unmap', () => {
    migrate_vma_finish(k, ops, m, fail);
  });
};

/** The era's way to run and to finish one window. */
export interface MigrateBuild {
  readonly window: MigrateWindow;
  readonly finish: FinishWindow;
}

export const MIGRATE_V414: MigrateBuild = { window: migrateVmaV414, finish: finishV414 };

const migrateFn = (dir: Dir): string =>
  dir === 'to_dev' ? 'dmirror_migrate_to_device' : 'dmirror_migrate_to_system';

export function dmirror_migrate(
  k: Kernel,
  dev: DeviceId,
  pid: Pid,
  start: Vpn,
  n: number,
  dir: Dir,
  build: MigrateBuild = MIGRATE_V414,
): StepResult {
  const fn = migrateFn(dir);
  return call(k, fn, FILE, `${dev}: ${n} page(s) at ${hexVpn(start)}`, () => {
    mirrorOf(k, dev, pid);
    const pause = takePause(k, dev);
    return migrateWindows(k, dev, pid, start, asVpn(start + n), dir, build, pause, 0);
  });
}

/** migrate_pause armed this device: its next ioctl migration stops after the unmap stage. */
function takePause(k: Kernel, dev: DeviceId): boolean {
  const armed = k.s.pauseArmed ?? [];
  if (!armed.includes(dev)) return false;
  const rest = armed.filter((d) => d !== dev);
  if (rest.length > 0) k.s.pauseArmed = rest;
  else delete k.s.pauseArmed;
  return true;
}

/**
 * The ioctl's loop over windows of `from`..`end` (`start` is where the ioctl began, for the
 * read-back), `moved` pages already home. A window that pauses is stored and the ioctl sleeps.
 */
function migrateWindows(
  k: Kernel,
  dev: DeviceId,
  pid: Pid,
  from: Vpn,
  end: Vpn,
  dir: Dir,
  build: MigrateBuild,
  pause: boolean,
  moved: number,
  start: Vpn = from,
): StepResult {
  const fn = migrateFn(dir);
  for (let addr: number = from; addr < end;) {
    const vma = vmaAt(proc(k, pid), asVpn(addr));
    if (!vma || vma.prot === 'none') {
      trace(k, fn, FILE, `${hexVpn(asVpn(addr))}: no VMA with VM_READ: -EINVAL`);
      return { ret: -Errno.EINVAL, cpages: 0, faults: 0 };
    }
    const next = Math.min(end, addr + WINDOW, vma.end);
    const prev = k.ownMigration;
    k.ownMigration = dev;
    try {
      const ops = dir === 'to_dev' ? TO_DEVICE : TO_SYSTEM;
      const priv = migratePrivate(dev);
      const r = build.window(k, ops, pid, vma, asVpn(addr), asVpn(next), dir, priv, pause);
      if (r.ret !== 0) return { ret: r.ret, cpages: 0, faults: 0 };
      if (r.paused && r.migrate) {
        // The ioctl's thread stops here, mmap_sem held for read, until migrate_resume/_fail.
        (k.s.inflight ??= []).push({
          device: dev,
          dir,
          ops,
          migrate: { ...r.migrate, vma: { ...r.migrate.vma } },
          start,
          end,
        });
        return { paused: 'after_unmap', cpages: r.migrate.cpages };
      }
      if (dir === 'to_sys' && r.migrate) moved += migratedCount(r.migrate);
    } finally {
      k.ownMigration = prev;
    }
    addr = next;
  }
  return migrateDone(k, dev, pid, start, end, dir, moved);
}

/**
 * migrate_pause: the model's breakpoint — the device's next MIGRATE_TO_DEV / MIGRATE_TO_SYS stops
 * after its unmap stage (one paused migration per device).
 */
export function dmirror_migrate_pause(k: Kernel, dev: DeviceId): StepResult {
  if (pausedOn(k.s, dev) || (k.s.pauseArmed ?? []).includes(dev)) {
    trace(k, 'migrate_pause', FILE, `${dev} already has a migration paused or armed: -EBUSY`);
    return { ret: -Errno.EBUSY };
  }
  (k.s.pauseArmed ??= []).push(dev);
  trace(
    k,
    'migrate_pause',
    FILE,
    `${dev}: its next migration stops after migrate_vma_unmap, before ops->alloc_and_copy`,
  );
  return { ret: 0 };
}

/** migrate_resume / migrate_fail: the paused window finishes, then the ioctl's other windows. */
export function dmirror_migrate_resume(
  k: Kernel,
  dev: DeviceId,
  fail: boolean,
  build: MigrateBuild = MIGRATE_V414,
): StepResult {
  const pm = pausedOn(k.s, dev);
  if (!pm) {
    trace(k, 'migrate_resume', FILE, `${dev} has no migration paused: -EINVAL`);
    return { ret: -Errno.EINVAL };
  }
  const fn = migrateFn(pm.dir);
  const m = pm.migrate;
  return call(
    k,
    fn,
    FILE,
    `${dev}: resumed after the unmap stage${fail ? ' (the copy fails)' : ''}`,
    () => {
      const rest = (k.s.inflight ?? []).filter((p) => p.device !== dev);
      if (rest.length > 0) k.s.inflight = rest;
      else delete k.s.inflight;
      const gone = !procOrNull(k, m.pid)?.alive;
      if (gone)
        trace(
          k,
          fn,
          FILE,
          `pid ${m.pid} exited while the migration was paused: the model tore its mm down at ` +
            "exit (the kernel keeps it until the ioctl's mmput), so nothing is copied",
        );
      const prev = k.ownMigration;
      k.ownMigration = dev;
      try {
        build.finish(k, pm.ops, m, fail || gone);
      } finally {
        k.ownMigration = prev;
      }
      const moved = pm.dir === 'to_sys' ? migratedCount(m) : 0;
      if (gone) return { ret: 0, cpages: moved, faults: 0 };
      return migrateWindows(k, dev, m.pid, m.end, pm.end, pm.dir, build, false, moved, pm.start);
    },
  );
}

function migrateDone(
  k: Kernel,
  dev: DeviceId,
  pid: Pid,
  start: Vpn,
  end: Vpn,
  dir: Dir,
  moved: number,
): StepResult {
  if (dir === 'to_sys') return { ret: 0, cpages: moved, faults: 0 };
  // Return the migrated data for verification: read it back through the device page table.
  const out: number[] = [];
  if (!access(k, dev, pid, start, end, null, out)) {
    trace(
      k,
      'dmirror_do_read',
      FILE,
      `-ENOENT: ${hexVpn(asVpn(start + out.length))} is not in the device page table`,
    );
    return { ret: -Errno.ENOENT, cpages: out.length, faults: 0 };
  }
  return { ret: 0, cpages: out.length, faults: 0 };
}

/** HMM_DMIRROR_SNAPSHOT bytes (lib/test_hmm_uapi.h), from hmm_vma_get_pfns without faulting. */
export const SNAP = {
  ERROR: 0xff,
  NONE: 0,
  READ: 1,
  WRITE: 2,
  ZERO: 0x10,
  DEV_PRIVATE_LOCAL: 0x20,
  DEV_PRIVATE_REMOTE: 0x30,
  DEV_COHERENT_LOCAL: 0x40,
  DEV_COHERENT_REMOTE: 0x50,
} as const;

export function dmirror_snapshot(
  k: Kernel,
  dev: DeviceId,
  pid: Pid,
  start: Vpn,
  n: number,
): StepResult {
  return call(k, 'dmirror_snapshot', FILE, `${dev}: ${n} page(s) at ${hexVpn(start)}`, () => {
    const bytes: number[] = [];
    mirrorOf(k, dev, pid);
    for (let addr: number = start; addr < start + n;) {
      const vma = vmaAt(proc(k, pid), asVpn(addr));
      if (!vma) {
        bytes.push(SNAP.ERROR);
        addr += 1;
        continue;
      }
      const next = Math.min(start + n, addr + WINDOW, vma.end);
      const modern = isModern(k.s);
      const pfns = hmm_vma_get_pfns(k, pid, vma, asVpn(addr), asVpn(next), modern ? dev : null);
      for (const e of pfns) {
        // v6.12 hmm_vma_walk_test: a VMA without VM_READ fills HMM_PFN_ERROR.
        if (e.error || (modern && vma.prot === 'none')) bytes.push(SNAP.ERROR);
        // Valid without HMM_PFN_READ (a PROT_NONE VMA) grants the device nothing: NONE.
        else if (!e.valid || e.pfn === null || !e.read) bytes.push(SNAP.NONE);
        else {
          let b: number = e.write ? SNAP.WRITE : SNAP.READ;
          const pg = page(k, e.pfn);
          if (e.deviceUnaddressable)
            b |= pg.device === dev ? SNAP.DEV_PRIVATE_LOCAL : SNAP.DEV_PRIVATE_REMOTE;
          // dmirror_mkentry: is_device_coherent_page → LOCAL if the page's chunk is this device's.
          else if (pg.memory === 'device-coherent')
            b |= pg.device === dev ? SNAP.DEV_COHERENT_LOCAL : SNAP.DEV_COHERENT_REMOTE;
          else if (e.zero) b |= SNAP.ZERO;
          bytes.push(b);
        }
      }
      addr = next;
    }
    return { ret: 0, cpages: n, faults: 0, bytes };
  });
}
