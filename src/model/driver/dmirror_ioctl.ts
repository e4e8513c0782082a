/**
 * The device's commands (lib/test_hmm.c ioctls: READ, WRITE, MIGRATE_TO_DEV, MIGRATE_TO_SYS,
 * SNAPSHOT), each returning what struct hmm_dmirror_cmd would: ret, cpages, faults.
 */
import type { Kernel } from '../kernel';
import { call, page, proc, trace } from '../kernel';
import type { DeviceId, Pid, Vma, Vpn } from '../types';
import type { StepResult } from '../ops';
import { Errno } from '../ops';
import { asVpn, hexVpn } from '../ids';
import { vmaAt } from '../mm';
import { migrate_vma, migratedCount, type MigrateOutcome } from '../migrate';
import type { MigrateOpsRef, MigrateVma } from '../driver_api';
import { hmm_vma_get_pfns } from '../hmm_mirror';
import { TO_DEVICE, TO_SYSTEM, migratePrivate } from './dmirror_migrate';
import { mirrorGet, mirrorOf } from './dmirror_mirror';
import { DMIRROR_LIVELOCK, dmirror_fault } from './dmirror_fault';
import { isModern } from '../eras/spec';

const FILE = 'lib/test_hmm.c';
const WINDOW = 64;

/** dmirror_do_read / dmirror_do_write: use the device page table only; stop at a missing entry. */
function access(
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
) => MigrateOutcome;

const migrateVmaV414: MigrateWindow = (k, ops, pid, vma, start, end, _dir, priv) =>
  migrate_vma(k, ops, pid, vma, start, end, priv);

export function dmirror_migrate(
  k: Kernel,
  dev: DeviceId,
  pid: Pid,
  start: Vpn,
  n: number,
  dir: Dir,
  migrateWindow: MigrateWindow = migrateVmaV414,
): StepResult {
  const fn = dir === 'to_dev' ? 'dmirror_migrate_to_device' : 'dmirror_migrate_to_system';
  return call(k, fn, FILE, `${dev}: ${n} page(s) at ${hexVpn(start)}`, () => {
    const end = start + n;
    let moved = 0;
    mirrorOf(k, dev, pid);
    for (let addr: number = start; addr < end;) {
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
        const r = migrateWindow(k, ops, pid, vma, asVpn(addr), asVpn(next), dir, priv);
        if (r.ret !== 0) return { ret: r.ret, cpages: 0, faults: 0 };
        if (dir === 'to_sys' && r.migrate) moved += migratedCount(r.migrate);
      } finally {
        k.ownMigration = prev;
      }
      addr = next;
    }
    if (dir === 'to_sys') return { ret: 0, cpages: moved, faults: 0 };
    // Return the migrated data for verification: read it back through the device page table.
    const out: number[] = [];
    if (!access(k, dev, pid, start, asVpn(end), null, out)) {
      trace(
        k,
        'dmirror_do_read',
        FILE,
        `-ENOENT: ${hexVpn(asVpn(start + out.length))} is not in the device page table`,
      );
      return { ret: -Errno.ENOENT, cpages: out.length, faults: 0 };
    }
    return { ret: 0, cpages: out.length, faults: 0 };
  });
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
          if (e.deviceUnaddressable)
            b |= page(k, e.pfn).device === dev ? SNAP.DEV_PRIVATE_LOCAL : SNAP.DEV_PRIVATE_REMOTE;
          else if (e.zero) b |= SNAP.ZERO;
          bytes.push(b);
        }
      }
      addr = next;
    }
    return { ret: 0, cpages: n, faults: 0, bytes };
  });
}
