/**
 * lib/test_hmm.c as a v6.12 kernel image links it (src/model/vmlinux_v612.ts, a chunk of its
 * own): no hmm_devmem_ops, but dev_pagemap_ops { page_free, migrate_to_ram } registered with
 * memremap_pages; the same mirror callbacks (on an mmu_interval_notifier); migrations it drives
 * itself (migrate_vma_setup/pages/finalize, dmirror_v612.ts) with the same alloc_and_copy and
 * finalize_and_map; unbind and HMM_DMIRROR_RELEASE evict the device memory first.
 */
import type { Driver, Kernel } from '../kernel';
import { trace } from '../kernel';
import type { DeviceKind, StepResult } from '../ops';
import type { DeviceId } from '../types';
import { Errno } from '../ops';
import { addrToVpn, asDeviceId, asPid } from '../ids';
import { dmirrorDriver, describe, dmirror_ioctl, type Ioctl } from './index';
import { dmirror_devmem_free } from './dmirror_devmem';
import { dmirror_migrate, dmirror_migrate_resume, type MigrateBuild } from './dmirror_ioctl';
import { dmirror_probe } from './dmirror_probe';
import { dmirror_check_exclusive, dmirror_exclusive } from './dmirror_exclusive';
import {
  dmirror_device_remove_chunks,
  dmirror_devmem_fault,
  dmirror_remove_v612,
  finishWindowV612,
  migrateWindowV612,
} from './dmirror_v612';

const MIGRATE_V612: MigrateBuild = { window: migrateWindowV612, finish: finishWindowV612 };

/**
 * dmirror_device_init of v6.12: private devices hotplug with memremap_pages; coherent ones need
 * the spm_addr module parameters; DEVICE_PUBLIC no longer exists.
 */
const FILE = 'lib/test_hmm.c';

function dmirror_probe_v612(k: Kernel, id: DeviceId, kind: DeviceKind): number {
  if (kind === 'public') {
    trace(
      k,
      'dmirror_device_init',
      FILE,
      'MEMORY_DEVICE_PUBLIC was removed in v5.3 (25b2995a35b6 "mm: remove MEMORY_DEVICE_PUBLIC ' +
        'support": no in-tree user); DEVICE_COHERENT (v6.0) is its successor: -ENOTTY',
    );
    return -Errno.ENOTTY;
  }
  return dmirror_probe(k, id, kind);
}

function dmirror_ioctl_v612(k: Kernel, op: Ioctl): StepResult {
  switch (op.op) {
    case 'dmirror_migrate_to_dev':
    case 'dmirror_migrate_to_sys':
      return dmirror_migrate(
        k,
        asDeviceId(op.device),
        asPid(op.pid),
        addrToVpn(op.addr),
        op.npages,
        op.op === 'dmirror_migrate_to_dev' ? 'to_dev' : 'to_sys',
        MIGRATE_V612,
      );
    case 'migrate_resume':
    case 'migrate_fail':
      // The driver's own sequence resumes: its copy, migrate_vma_pages, migrate_vma_finalize.
      return dmirror_migrate_resume(
        k,
        asDeviceId(op.device),
        op.op === 'migrate_fail',
        MIGRATE_V612,
      );
    case 'dmirror_release':
      // dmirror_fops_unlocked_ioctl: HMM_DMIRROR_RELEASE answers 0 and copies nothing back.
      dmirror_device_remove_chunks(k, asDeviceId(op.device));
      return { ret: 0 };
    case 'dmirror_exclusive':
      return dmirror_exclusive(
        k,
        asDeviceId(op.device),
        asPid(op.pid),
        addrToVpn(op.addr),
        op.npages,
      );
    case 'dmirror_check_exclusive':
      return dmirror_check_exclusive(
        k,
        asDeviceId(op.device),
        asPid(op.pid),
        addrToVpn(op.addr),
        op.npages,
      );
    default:
      return dmirror_ioctl(k, op);
  }
}

export const dmirrorDriverV612: Driver = {
  tag: dmirrorDriver.tag,
  pagemap: { page_free: dmirror_devmem_free, migrate_to_ram: dmirror_devmem_fault },
  mirror: dmirrorDriver.mirror,
  migrate: dmirrorDriver.migrate,
  fops: { probe: dmirror_probe_v612, remove: dmirror_remove_v612, ioctl: dmirror_ioctl_v612 },
  describe,
};
