/**
 * lib/test_hmm.c ("dmirror") on v4.14's API, as the kernel image links it: the ops it registers
 * (hmm_devmem_ops, hmm_mirror_ops, two migrate_vma_ops), its probe/remove and its ioctls.
 * The kernel core reaches all of these only through the tags it registered (src/model/driver_api.ts).
 */
import type { Driver, Kernel } from '../kernel';
import { trace } from '../kernel';
import type { DriverData, MirrorTable } from '../types';
import { asDeviceId, asPid, addrToVpn, hexVpn, asVpn } from '../ids';
import { tableEntries } from '../table';
import type { DriverOp } from '../driver_api';
import type { StepResult } from '../ops';
import { Errno } from '../ops';
import { exhaustive } from '../exhaustive';
import { dmirror_devmem_fault } from './dmirror_callbacks';
import { dmirror_devmem_free } from './dmirror_devmem';
import { dmirror_release, dmirror_sync_cpu_device_pagetables } from './dmirror_mirror';
import { toDeviceOps, toSystemOps } from './dmirror_migrate';
import { dmirror_probe, dmirror_remove } from './dmirror_probe';
import {
  dmirror_migrate,
  dmirror_migrate_pause,
  dmirror_migrate_resume,
  dmirror_rw,
  dmirror_snapshot,
} from './dmirror_ioctl';
import type { DmirrorDevice } from './dmirror_data';
import { DMIRROR, dmirrorOf } from './dmirror_data';

export { dmirrorData, DMIRROR } from './dmirror_data';
export type { DmirrorDevice } from './dmirror_data';

export type Ioctl = Exclude<DriverOp, { op: 'device_add' | 'device_remove' }>;

/** dmirror_fops_unlocked_ioctl, plus the fault injection a scenario can ask of the device. */
export function dmirror_ioctl(k: Kernel, op: Ioctl): StepResult {
  const dev = asDeviceId(op.device);
  switch (op.op) {
    case 'inject': {
      const d = dmirrorOf(k, dev);
      if (d) d.inject = op.fault;
      trace(
        k,
        'dmirror_inject',
        'lib/test_hmm.c',
        `${op.device}: CPU-fault callback now ${op.fault === 'none' ? 'works' : `fails (${op.fault})`}`,
      );
      return { ret: 0 };
    }
    case 'dmirror_read':
      return dmirror_rw(k, dev, asPid(op.pid), addrToVpn(op.addr), op.npages, null);
    case 'dmirror_write':
      return dmirror_rw(k, dev, asPid(op.pid), addrToVpn(op.addr), op.npages, op.values);
    case 'migrate_pause':
      return dmirror_migrate_pause(k, dev);
    case 'migrate_resume':
    case 'migrate_fail':
      return dmirror_migrate_resume(k, dev, op.op === 'migrate_fail');
    case 'dmirror_migrate_to_dev':
      return dmirror_migrate(k, dev, asPid(op.pid), addrToVpn(op.addr), op.npages, 'to_dev');
    case 'dmirror_migrate_to_sys':
      return dmirror_migrate(k, dev, asPid(op.pid), addrToVpn(op.addr), op.npages, 'to_sys');
    case 'dmirror_snapshot':
      return dmirror_snapshot(k, dev, asPid(op.pid), addrToVpn(op.addr), op.npages);
    case 'dmirror_exclusive':
    case 'dmirror_check_exclusive':
      trace(
        k,
        'dmirror_fops_unlocked_ioctl',
        'lib/test_hmm.c',
        'device-exclusive entries arrive in v5.14: -ENOTTY',
      );
      return { ret: -Errno.ENOTTY };
    case 'dmirror_release':
      trace(
        k,
        'dmirror_fops_unlocked_ioctl',
        'lib/test_hmm.c',
        'HMM_DMIRROR_RELEASE (migrate_device_range) arrives in v6.1: -ENOTTY',
      );
      return { ret: -Errno.ENOTTY };
    default:
      return exhaustive(op);
  }
}

function mirrorJson(table: MirrorTable): Record<string, string> {
  const m: Record<string, string> = {};
  for (const [vpn, e] of tableEntries(table)) m[hexVpn(asVpn(vpn))] = e.perm;
  return m;
}

/** The contract's per-device fields that are this driver's own. */
export function describe(data: DriverData): Record<string, unknown> {
  if (data.driver !== DMIRROR) return {};
  const d = data as unknown as DmirrorDevice;
  const mirrors: Record<string, Record<string, string>> = {};
  for (const [pid, table] of Object.entries(d.mirrors)) mirrors[pid] = mirrorJson(table);
  const firstPid = Object.keys(mirrors)
    .map(Number)
    .sort((a, b) => a - b)[0];
  return {
    freePages: d.freePages,
    mirror: firstPid !== undefined ? (mirrors[String(firstPid)] ?? {}) : {},
    mirrors,
    calloc: d.calloc,
    cfree: d.cfree,
    inject: d.inject,
  };
}

export const dmirrorDriver: Driver = {
  tag: DMIRROR,
  devmem: { fault: dmirror_devmem_fault, free: dmirror_devmem_free },
  mirror: {
    sync_cpu_device_pagetables: dmirror_sync_cpu_device_pagetables,
    release: dmirror_release,
  },
  migrate: { to_device: toDeviceOps, to_system: toSystemOps },
  fops: { probe: dmirror_probe, remove: dmirror_remove, ioctl: dmirror_ioctl },
  describe,
};
