/**
 * The core functions v6.12 rewrote, as the v6.12 kernel image registers them when it loads
 * (src/model/vmlinux_v612.ts). The shared core calls them through here, so the v4.14 image, which
 * the app needs first, does not carry them: the v6.12 era is a chunk of its own, loaded on demand
 * (loadEra in vmlinux.ts). Only code that runs in a v6.12 state reaches modernCore().
 */
import type { Kernel } from '../kernel';
import type { DeviceId, Pfn, Pid, Vma, Vpn } from '../types';
import type { VmFault } from '../fault_types';
import type { DevmemResult } from '../hmm_devmem';

export interface ModernCore {
  /** mm/memremap.c: the last reference to a device page is gone (page_free at refcount 0). */
  readonly free_zone_device_folio: (k: Kernel, pfn: Pfn) => void;
  /** mm/memremap.c: the driver takes a free device page (0 → 1, locked). */
  readonly zone_device_page_init: (k: Kernel, pfn: Pfn) => void;
  /** mm/memory.c do_swap_page, device-private branch (migrate_to_ram under a page reference). */
  readonly do_swap_page_device_private: (
    k: Kernel,
    pid: Pid,
    vma: Vma,
    vpn: Vpn,
    pfn: Pfn,
    write: boolean,
  ) => VmFault;
  /** mm/memory.c do_swap_page, device-exclusive branch: give the CPU its PTE back. */
  readonly remove_device_exclusive_entry: (
    k: Kernel,
    pid: Pid,
    vma: Vma,
    vpn: Vpn,
    pfn: Pfn,
  ) => VmFault;
  /** mm/memory.c: a device-exclusive entry becomes the present PTE it replaced (fork, fault). */
  readonly restore_exclusive_pte: (k: Kernel, pid: Pid, vma: Vma, vpn: Vpn) => void;
  /** mm/gup.c: what a FOLL_LONGTERM pin does about pages that must stay movable. */
  readonly check_and_migrate_movable_pages: (k: Kernel, pid: Pid, start: Vpn, n: number) => void;
  /** A coherent device's spm_addr range + memremap_pages(MEMORY_DEVICE_COHERENT). */
  readonly hotplug_coherent_chunk: (
    k: Kernel,
    ops: string,
    name: DeviceId,
    sizeBytes: number,
  ) => DevmemResult;
  /** request_free_mem_region + memremap_pages, registering `ops`' dev_pagemap_ops. */
  readonly hotplug_private_chunk: (
    k: Kernel,
    ops: string,
    name: DeviceId,
    sizeBytes: number,
  ) => DevmemResult;
}

let loaded: ModernCore | null = null;

export function registerModernCore(core: ModernCore): void {
  loaded = core;
}

/** The v6.12 core; a v6.12 state is only ever run after its image was loaded. */
export function modernCore(): ModernCore {
  if (!loaded) throw new Error('the v6.12 kernel image is not loaded (loadEra("v6.12"))');
  return loaded;
}
