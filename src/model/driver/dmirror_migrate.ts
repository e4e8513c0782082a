/**
 * The driver's migrate_vma_ops (lib/test_hmm.c's callbacks, on v4.14's migrate_vma):
 * to the device (dmirror_migrate_alloc_and_copy / finalize_and_map) and back to system memory
 * (dmirror_devmem_fault_alloc_and_copy), used by both the CPU-fault callback and MIGRATE_TO_SYS.
 */
import type { Kernel } from '../kernel';
import { page, trace } from '../kernel';
import type { DeviceId } from '../types';
import { asVpn, hex, hexVpn } from '../ids';
import type { MigrateOpsRef, MigrateVma, MigrateVmaOps } from '../driver_api';
import { migratedCount } from '../migrate';
import {
  MIGRATE_PFN_LOCKED,
  MIGRATE_PFN_MIGRATE,
  MIGRATE_PFN_WRITE,
  has,
  migrate_pfn,
} from '../migrate_pfn';
import { alloc_page } from '../page_alloc';
import { vmaWritable } from '../mm';
import { dmirror_devmem_alloc_page } from './dmirror_devmem';
import { mirrorErase, mirrorSet } from './dmirror_mirror';
import { DMIRROR, dmirrorOf } from './dmirror_data';
import { isModern } from '../eras/spec';

/** What the driver passes as migrate_vma's `private`: which device the callbacks work for. */
export const migratePrivate = (dev: DeviceId, oom = false) => ({ device: dev, oom });
const deviceOf = (m: MigrateVma): DeviceId => m.private['device'] as DeviceId;

/** The two migrate_vma_ops instances this driver registers, by name. */
export const TO_DEVICE: MigrateOpsRef = { driver: DMIRROR, ops: 'to_device' };
export const TO_SYSTEM: MigrateOpsRef = { driver: DMIRROR, ops: 'to_system' };

const FILE = 'lib/test_hmm.c';

/** MIGRATE_PFN_LOCKED in v4.14; gone since v5.16 (the page lock alone says it). */
const lockedFlag = (k: Kernel): number => (isModern(k.s) ? 0 : MIGRATE_PFN_LOCKED);

export const toDeviceOps: MigrateVmaOps<Kernel> = {
  alloc_and_copy(k: Kernel, m: MigrateVma): void {
    const dev = deviceOf(m);
    for (let i = 0; i < m.src.length; i++) {
      const s = m.src[i];
      if (!s || !has(s, MIGRATE_PFN_MIGRATE)) continue;
      if (s.pfn !== null && page(k, s.pfn).memory !== 'system') {
        trace(
          k,
          'dmirror_migrate_alloc_and_copy',
          FILE,
          `src[${i}] is already device memory: skip`,
        );
        continue;
      }
      const dpfn = dmirror_devmem_alloc_page(k, dev);
      if (dpfn === null) continue;
      const value = s.pfn === null ? 0 : page(k, s.pfn).value;
      page(k, dpfn).value = value;
      trace(
        k,
        s.pfn === null ? 'clear_highpage' : 'copy_highpage',
        FILE,
        s.pfn === null
          ? `pfn ${hex(dpfn)} zero-filled`
          : `DMA pfn ${hex(s.pfn)} → device pfn ${hex(dpfn)}`,
      );
      const d = migrate_pfn(dpfn);
      // v4.14's contract: the driver hands core its locked page as MIGRATE_PFN_LOCKED. The flag
      // was removed in v5.16 ("mm/migrate.c: remove MIGRATE_PFN_LOCKED"): v6.12 drivers only
      // lock the page.
      d.flags |= lockedFlag(k);
      if (has(s, MIGRATE_PFN_WRITE) || (s.pfn === null && vmaWritable(m.vma)))
        d.flags |= MIGRATE_PFN_WRITE;
      m.dst[i] = d;
    }
  },
  finalize_and_map(k: Kernel, m: MigrateVma): void {
    const dev = deviceOf(m);
    for (let i = 0; i < m.src.length; i++) {
      const s = m.src[i];
      const d = m.dst[i];
      if (!s || !d || d.pfn === null || !has(s, MIGRATE_PFN_MIGRATE)) continue;
      mirrorSet(
        k,
        dev,
        m.pid,
        asVpn(m.start + i),
        d.pfn,
        has(d, MIGRATE_PFN_WRITE) ? 'write' : 'read',
      );
    }
  },
};

/**
 * Device → system: allocate a system page for each of this device's pages and copy it home. An
 * allocation failure is noted in `private.oom` for the CPU-fault callback to answer VM_FAULT_OOM.
 */
export const toSystemOps: MigrateVmaOps<Kernel> = {
  alloc_and_copy(k: Kernel, m: MigrateVma): void {
    const dev = deviceOf(m);
    for (let i = 0; i < m.src.length; i++) {
      const s = m.src[i];
      if (!s || s.pfn === null || !has(s, MIGRATE_PFN_MIGRATE)) continue;
      // v4.14 collects everything: device-private entries carry MIGRATE_PFN_DEVICE, but public
      // pages come through the present-PTE path. The driver keeps only its own pages.
      if (page(k, s.pfn).memory === 'system') continue;
      if (page(k, s.pfn).device !== dev) {
        trace(
          k,
          'dmirror_devmem_fault_alloc_and_copy',
          FILE,
          `src[${i}] belongs to another device: skip`,
        );
        continue;
      }
      const vpn = asVpn(m.start + i);
      const npfn = alloc_page(k, 'alloc_page_vma(GFP_HIGHUSER_MOVABLE)');
      if (npfn === null) {
        m.private['oom'] = true;
        continue;
      }
      page(k, npfn).locked = true;
      trace(k, 'lock_page', 'include/linux/pagemap.h', `pfn ${hex(npfn)} locked`);
      for (const pid of Object.keys(dmirrorOf(k, dev)?.mirrors ?? {})) {
        mirrorErase(k, dev, Number(pid) as MigrateVma['pid'], vpn);
      }
      page(k, npfn).value = page(k, s.pfn).value;
      trace(
        k,
        'copy_highpage',
        FILE,
        `${hexVpn(vpn)}: device pfn ${hex(s.pfn)} → pfn ${hex(npfn)}`,
      );
      const d = migrate_pfn(npfn);
      d.flags |= lockedFlag(k) | (has(s, MIGRATE_PFN_WRITE) ? MIGRATE_PFN_WRITE : 0);
      m.dst[i] = d;
    }
  },
  finalize_and_map(k: Kernel, m: MigrateVma): void {
    const moved = migratedCount(m);
    trace(k, 'dmirror_devmem_fault_finalize_and_map', FILE, `${moved} page(s) moved home`);
  },
};
