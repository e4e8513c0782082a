/**
 * lib/test_hmm.c of v6.12, where it differs from the model's v4.14 driver: it registers
 * dev_pagemap_ops { page_free, migrate_to_ram } with memremap_pages and drives migrations itself
 * (migrate_vma_setup → alloc_and_copy → migrate_vma_pages → finalize_and_map →
 * migrate_vma_finalize, with the select flags and pgmap_owner = mdevice); its migrate_to_ram
 * (dmirror_devmem_fault) passes fault_page and skips a page it cannot allocate; before
 * memunmap_pages it evicts every page still in use (dmirror_device_evict_chunk:
 * migrate_device_range). The core reaches it only through those registered ops.
 */
import type { Kernel } from '../kernel';
import { call, migrateOps, page, trace } from '../kernel';
import type { DeviceId, Pfn, Pid, Vma, Vpn } from '../types';
import { asVpn, hex, hexVpn } from '../ids';
import type { VmFault } from '../fault_types';
import type { MigrateOpsRef, MigrateVma, VmFaultArgs } from '../driver_api';
import type { MigrateOutcome, MigrateSelect } from '../migrate';
import { migrate_copy_nothing, srcLine } from '../migrate';
import {
  MIGRATE_VMA_SELECT_DEVICE_COHERENT,
  MIGRATE_VMA_SELECT_DEVICE_PRIVATE,
  MIGRATE_VMA_SELECT_SYSTEM,
} from '../migrate_select';
import { Errno } from '../ops';
import { hmm_mirror_unregister, mirroredBy } from '../hmm_mirror_register';
import type { FinishWindow, MigrateWindow } from './dmirror_ioctl';
import type { Mpfn } from '../migrate_pfn';
import { MIGRATE_PFN_MIGRATE, has, migrate_pfn } from '../migrate_pfn';
import { migrate_vma_pages } from '../migrate_pages';
import { migrate_vma_finalize } from '../migrate_finalize';
import { alloc_page } from '../page_alloc';
import { get_page, put_page } from '../swap';
import { tableRange } from '../table';
import { own } from '../own';
import { emptyFreeList } from '../free_list';
import { migrate_device_unmap, migrate_vma_setup } from '../eras/v6_12/migrate_device';
import {
  migrate_vma_pages_range,
  migrate_device_finalize,
} from '../eras/v6_12/migrate_device_range';
import { memunmap_pages } from '../eras/v6_12/memremap_pages';
import { TO_SYSTEM, migratePrivate } from './dmirror_migrate';
import { dmirrorOf } from './dmirror_data';

const FILE = 'lib/test_hmm.c';

/**
 * What dmirror_migrate_to_device / _to_system and dmirror_devmem_fault do around their callbacks
 * in v6.12 (there is no migrate_vma() any more: the driver calls each stage itself).
 */
export function dmirror_migrate_vma(
  k: Kernel,
  ops: MigrateOpsRef,
  pid: Pid,
  vma: Vma | undefined,
  start: Vpn,
  end: Vpn,
  select: MigrateSelect,
  priv: MigrateVma['private'],
  pause = false,
): MigrateOutcome {
  const r = migrate_vma_setup(k, pid, vma, start, end, select, priv);
  if (r.ret !== 0 || !r.migrate) return r;
  const m = r.migrate;
  if (pause && m.cpages > 0) {
    trace(
      k,
      'dmirror_migrate_vma',
      FILE,
      `paused after migrate_vma_setup (migrate_pause): ${m.cpages} page(s) locked behind ` +
        'migration entries until migrate_vma_finalize; the copy runs when the migration resumes',
    );
    return { ...r, paused: true };
  }
  dmirror_migrate_vma_finish(k, ops, m, false);
  return r;
}

/**
 * What the v6.12 driver does after migrate_vma_setup: its copy, migrate_vma_pages, its
 * finalize_and_map, migrate_vma_finalize. With `fail` the copy leaves every dst[] entry 0.
 */
export function dmirror_migrate_vma_finish(
  k: Kernel,
  ops: MigrateOpsRef,
  m: MigrateVma,
  fail: boolean,
): void {
  // dmirror calls alloc_and_copy, migrate_vma_pages and finalize whatever cpages says.
  const callbacks = migrateOps(k, ops);
  // test_hmm.c's names: to the device dmirror_migrate_*, home dmirror_devmem_fault_alloc_and_copy
  // and dmirror_successful_migrated_pages.
  const home = ops.ops === TO_SYSTEM.ops;
  const copyFn = home ? 'dmirror_devmem_fault_alloc_and_copy' : 'dmirror_migrate_alloc_and_copy';
  const mapFn = home ? 'dmirror_successful_migrated_pages' : 'dmirror_migrate_finalize_and_map';
  call(k, copyFn, FILE, srcLine(m), () => {
    if (fail) migrate_copy_nothing(k, copyFn, FILE);
    else callbacks.alloc_and_copy(k, m);
  });
  migrate_vma_pages(k, m);
  call(k, mapFn, FILE, srcLine(m), () => {
    callbacks.finalize_and_map(k, m);
  });
  migrate_vma_finalize(k, m);
}

/** dev_pagemap_ops.migrate_to_ram = dmirror_devmem_fault (v6.12). */
export function dmirror_devmem_fault(k: Kernel, vmf: VmFaultArgs): VmFault {
  const { dev, pid, vma, vpn, pfn, write } = vmf;
  return call(
    k,
    'dmirror_devmem_fault',
    FILE,
    `${dev}: CPU ${write ? 'write' : 'read'} of device pfn ${hex(pfn)} at ${hexVpn(vpn)}`,
    () => {
      const d = own(k.s.devices, dev);
      const dd = dmirrorOf(k, dev);
      if (!d || !dd || dd.inject === 'device-error' || d.removed) {
        trace(k, 'dmirror_devmem_fault', FILE, 'the device cannot copy the page back: SIGBUS');
        return 'SIGBUS';
      }
      if (dd.inject === 'oom') {
        trace(k, 'dmirror_devmem_fault', FILE, 'injected: no system page: VM_FAULT_OOM');
        return 'OOM';
      }
      const r = dmirror_migrate_vma(
        k,
        TO_SYSTEM,
        pid,
        vma,
        vpn,
        asVpn(vpn + 1),
        { flags: MIGRATE_VMA_SELECT_DEVICE_PRIVATE, pgmap_owner: dev, fault_page: pfn },
        migratePrivate(dev),
      );
      if (r.ret !== 0) {
        trace(k, 'dmirror_devmem_fault', FILE, 'migrate_vma_setup failed: VM_FAULT_SIGBUS');
        return 'SIGBUS';
      }
      if (r.migrate?.private['oom'] === true) {
        trace(
          k,
          'dmirror_devmem_fault_alloc_and_copy',
          FILE,
          'alloc_page_vma failed: the page is skipped and the fault returns 0 (retried)',
        );
      }
      return 'OK';
    },
  );
}

/**
 * dmirror_device_evict_chunk (v6.12): migrate_device_range over every pfn of the chunk, a system
 * page for each (__GFP_NOFAIL), copy, migrate_device_pages, migrate_device_finalize.
 */
export function dmirror_device_evict_chunk(
  k: Kernel,
  dev: DeviceId,
  first: Pfn,
  last: Pfn,
): number {
  return call(
    k,
    'dmirror_device_evict_chunk',
    FILE,
    `${dev}: [${hex(first)}, ${hex(last)})`,
    () => {
      // Only pages with a reference can be in use; idle ones (refcount 0) are skipped by
      // folio_get_nontail_page, so walking the stored pages is the same walk.
      const src: Mpfn[] = [];
      call(k, 'migrate_device_range', 'mm/migrate_device.c', `${last - first} pfn(s)`, () => {
        for (const [pfnNum, p] of tableRange(k.s.pages, first, last)) {
          if (p.refcount === 0) continue;
          const pfn = pfnNum as Pfn;
          get_page(k, pfn, 'folio_get_nontail_page');
          if (page(k, pfn).locked) {
            put_page(k, pfn, 'folio_trylock failed');
            continue;
          }
          page(k, pfn).locked = true;
          const m = migrate_pfn(pfn);
          m.flags |= MIGRATE_PFN_MIGRATE;
          src.push(m);
        }
        migrate_device_unmap(k, src, null);
      });
      const dst: Mpfn[] = src.map((s) => {
        if (s.pfn === null || !has(s, MIGRATE_PFN_MIGRATE)) return { pfn: null, flags: 0 };
        const npfn = alloc_page(k, 'alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_NOFAIL)');
        if (npfn === null) return { pfn: null, flags: 0 };
        page(k, npfn).locked = true;
        page(k, npfn).value = page(k, s.pfn).value;
        trace(k, 'copy_highpage', FILE, `device pfn ${hex(s.pfn)} → pfn ${hex(npfn)}`);
        return migrate_pfn(npfn);
      });
      migrate_vma_pages_range(k, src, dst);
      const moved = src.filter((s, i) => has(s, MIGRATE_PFN_MIGRATE) && dst[i]?.pfn != null).length;
      migrate_device_finalize(k, src, dst);
      return moved;
    },
  );
}

/**
 * dmirror_device_remove_chunks (v6.12; module unload and HMM_DMIRROR_RELEASE): for each chunk,
 * take its free pages off the free list, evict every page still in use to system memory, then
 * memunmap_pages and release_mem_region. Nothing is left mapped (I-17 holds).
 */
export function dmirror_device_remove_chunks(k: Kernel, dev: DeviceId): number {
  return call(k, 'dmirror_device_remove_chunks', FILE, `${dev}: evict and unmap`, () => {
    const d = own(k.s.devices, dev);
    const dd = dmirrorOf(k, dev);
    if (!d || !dd) return 0;
    let moved = 0;
    const wasRemoved = d.removed;
    // devmem->remove = true: page_free no longer returns pages to the allocator.
    d.removed = true;
    dd.freeList = { recycled: emptyFreeList(), fresh: null };
    dd.freePages = 0;
    trace(k, 'dmirror_remove_free_pages', FILE, 'free pages leave the free list');
    for (const c of d.chunks) {
      if (!c.live) continue;
      moved += dmirror_device_evict_chunk(k, dev, c.pfnFirst, c.pfnLast);
      memunmap_pages(k, dev, c);
    }
    d.removed = wasRemoved;
    return moved;
  });
}

/**
 * dmirror_device_remove (v6.12 module unload / unbind): each open file's
 * mmu_interval_notifier_remove, then dmirror_device_remove_chunks (evict, memunmap_pages), then
 * cdev_device_del.
 */
export function dmirror_remove_v612(k: Kernel, id: DeviceId): number {
  return call(k, 'dmirror_device_remove', FILE, `${id}: driver unbind`, () => {
    const d = own(k.s.devices, id);
    const dd = dmirrorOf(k, id);
    if (!d || !dd || d.removed) return -Errno.ENODEV;
    for (const pid of mirroredBy(k, id)) hmm_mirror_unregister(k, id, pid);
    dd.mirrors = {};
    dmirror_device_remove_chunks(k, id);
    trace(k, 'cdev_device_del', 'fs/char_dev.c', `remove /dev/hmm_dmirror${d.minor}`);
    d.removed = true;
    dd.freeList = { recycled: emptyFreeList(), fresh: null };
    dd.freePages = 0;
    return 0;
  });
}

/** dmirror_select_device (lib/test_hmm.c v6.12): the select flag of this device's memory type. */
function dmirror_select_device(k: Kernel, priv: MigrateVma['private']): number {
  const d = own(k.s.devices, String(priv['device']));
  return d?.type === 'coherent'
    ? MIGRATE_VMA_SELECT_DEVICE_COHERENT
    : MIGRATE_VMA_SELECT_DEVICE_PRIVATE;
}

/** The v6.12 build of dmirror_migrate's window: the driver's own setup/pages/finalize sequence. */
export const migrateWindowV612: MigrateWindow = (k, ops, pid, vma, start, end, dir, priv, pause) =>
  dmirror_migrate_vma(
    k,
    ops,
    pid,
    vma,
    start,
    end,
    {
      // MIGRATE_TO_DEV selects system pages; MIGRATE_TO_SYS this device's own kind of pages
      // (dmirror_select_device: SELECT_DEVICE_PRIVATE or SELECT_DEVICE_COHERENT).
      flags: dir === 'to_dev' ? MIGRATE_VMA_SELECT_SYSTEM : dmirror_select_device(k, priv),
      pgmap_owner: String(priv['device']),
      fault_page: null,
    },
    priv,
    pause,
  );

/** The v6.12 build's way to finish a paused window. */
export const finishWindowV612: FinishWindow = (k, ops, m, fail) => {
  dmirror_migrate_vma_finish(k, ops, m, fail);
};
