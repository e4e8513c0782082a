/**
 * What the kernel core knows of a driver: only what it registered (include/linux/hmm.h,
 * include/linux/migrate.h, include/linux/fs.h of v4.14). The state holds a driver's ops as a tag
 * (a string) and the core looks the functions up in the kernel image's driver table, so states
 * stay plain, serializable data and the core never imports a driver.
 *
 * An era is a module: it brings its own table (its drivers written against that era's interfaces,
 * e.g. v6.12's dev_pagemap_ops.migrate_to_ram and migrate_vma_setup/pages/finalize) and
 * src/model/vmlinux.ts links it. See docs/adr/0007-driver-behind-its-ops.md.
 */
import type { DeviceId, DriverData, MigrateVma, Pfn, Pid, Vma, Vpn } from './types';

// The state keeps a paused migration's record, so these two live with the state's types.
export type { MigrateOpsRef, MigrateVma } from './types';
import type { VmFault } from './fault_types';
import type { DeviceKind, Op, StepResult } from './ops';

// `K` is the step context (kernel.ts `Kernel`); this file takes it as a parameter so that it
// imports nothing but leaf types and kernel.ts can hold a driver table without an import cycle.

/** The name a driver registers under (the tag kept in the state). */
export type DriverTag = string;

/** struct hmm_devmem_ops (v4.14): what dev_pagemap's page_fault / page_free end in. */
export interface HmmDevmemOps<K> {
  /** The CPU touched a device-private entry of this device (hmm_devmem_fault → ops->fault). */
  readonly fault: (
    k: K,
    dev: DeviceId,
    pid: Pid,
    vma: Vma,
    vpn: Vpn,
    pfn: Pfn,
    write: boolean,
  ) => VmFault;
  /** The page's refcount fell back to 1 (hmm_devmem_free → ops->free). */
  readonly free: (k: K, dev: DeviceId, pfn: Pfn) => void;
}

/** What do_swap_page hands migrate_to_ram (v6.12 struct vm_fault, reduced to what it uses). */
export interface VmFaultArgs {
  readonly dev: DeviceId;
  readonly pid: Pid;
  readonly vma: Vma;
  readonly vpn: Vpn;
  /** vmf->page: the device-private page the CPU touched. */
  readonly pfn: Pfn;
  readonly write: boolean;
}

/**
 * struct dev_pagemap_ops (v5.3+; v6.12 include/linux/memremap.h), registered with memremap_pages:
 * what the core calls for a device's pages. Replaces v4.14's hmm_devmem_ops.
 */
export interface DevPagemapOps<K> {
  /** The page's refcount reached 0 (free_zone_device_folio → pgmap->ops->page_free). */
  readonly page_free: (k: K, dev: DeviceId, pfn: Pfn) => void;
  /** The CPU touched a device-private entry (do_swap_page → pgmap->ops->migrate_to_ram(vmf)). */
  readonly migrate_to_ram: (k: K, vmf: VmFaultArgs) => VmFault;
}

/** struct hmm_mirror_ops (v4.14) plus the mmu_notifier release it rides on. */
export interface HmmMirrorOps<K> {
  /** The CPU page table of pid changes in [from, to): drop the device's copies. */
  readonly sync_cpu_device_pagetables: (
    k: K,
    dev: DeviceId,
    pid: Pid,
    from: number,
    to: number,
  ) => void;
  /** The mm is going away (hmm_release): the device forgets it. */
  readonly release: (k: K, dev: DeviceId, pid: Pid) => void;
}

/** struct migrate_vma_ops (v4.14): the two callbacks migrate_vma makes into the driver. */
export interface MigrateVmaOps<K> {
  readonly alloc_and_copy: (k: K, m: MigrateVma) => void;
  readonly finalize_and_map: (k: K, m: MigrateVma) => void;
}

/** The scenario ops a driver answers: its probe/remove and its character device's ioctls. */
export type DriverOp = Extract<Op, { device: string }>;

/** Bind, unbind and the file_operations of the driver's character device. */
export interface DriverFops<K> {
  readonly probe: (k: K, dev: DeviceId, kind: DeviceKind) => number;
  readonly remove: (k: K, dev: DeviceId) => number;
  readonly ioctl: (
    k: K,
    op: Exclude<DriverOp, { op: 'device_add' | 'device_remove' }>,
  ) => StepResult;
}

/** A driver as the kernel image links it. */
export interface DriverModule<K> {
  readonly tag: DriverTag;
  /** v4.14: the hmm_devmem_ops given to hmm_devmem_add (absent in a v5.3+ driver). */
  readonly devmem?: HmmDevmemOps<K>;
  /** v5.3+: the dev_pagemap_ops given to memremap_pages (absent in a v4.14 driver). */
  readonly pagemap?: DevPagemapOps<K>;
  readonly mirror: HmmMirrorOps<K>;
  readonly migrate: Readonly<Record<string, MigrateVmaOps<K>>>;
  readonly fops: DriverFops<K>;
  /** The driver's own per-device state as the contract's `devices[id]` shows it. */
  readonly describe: (data: DriverData) => Record<string, unknown>;
}

/** The drivers of a kernel image, by tag. The first one binds devices that `device_add` names. */
export interface DriverTable<K> {
  readonly byTag: Readonly<Record<DriverTag, DriverModule<K>>>;
  readonly defaultDriver: DriverTag;
}
