/**
 * ZONE_DEVICE glue of v6.12 (mm/memremap.c, mm/memory.c do_swap_page): free device pages sit at
 * refcount 0; zone_device_page_init() hands one out at 1 (locked, with a pgmap reference);
 * free_zone_device_folio() runs when the count reaches 0 and leaves it there; a CPU fault on a
 * device-private entry holds a page reference around pgmap->ops->migrate_to_ram(vmf)
 * (eras/v6_12/do_swap_page.ts).
 */
import type { Kernel } from '../../kernel';
import { bug, call, counters, driverOf, page, trace } from '../../kernel';
import type { DeviceId, Pfn } from '../../types';
import { hex } from '../../ids';
import { mem_cgroup_uncharge } from '../../memcontrol';
import type { DevPagemapOps } from '../../driver_api';
import { devmemOps } from '../../memremap';

const FILE = 'mm/memremap.c';

/** pgmap->ops: the dev_pagemap_ops that the chunk holding pfn was registered with. */
export function pagemapOps(
  k: Kernel,
  dev: DeviceId,
  pfn: Pfn,
): (DevPagemapOps<Kernel> & { tag: string }) | null {
  const tag = devmemOps(k, dev, pfn);
  const ops = tag === null ? undefined : driverOf(k, tag).pagemap;
  return tag !== null && ops ? { ...ops, tag } : null;
}

/**
 * free_zone_device_folio (mm/memremap.c): the last reference to a DEVICE_PRIVATE page is gone.
 * Uncharge, clear PageAnonExclusive and ->mapping, call pgmap->ops->page_free, and drop the pgmap
 * reference taken by zone_device_page_init. The count stays at 0 (no reset to 1 for private and
 * coherent pages, unlike v5.18–v6.0).
 */
export function free_zone_device_folio(k: Kernel, pfn: Pfn): void {
  call(k, 'free_zone_device_folio', FILE, `pfn ${hex(pfn)} reached refcount 0`, () => {
    const p = page(k, pfn);
    if (p.mapcount !== 0) {
      bug(k, 'I-3', `page_free on pfn ${hex(pfn)} while mapcount is ${p.mapcount}`);
    }
    mem_cgroup_uncharge(k, pfn);
    if (p.memcg) bug(k, 'I-20', `pfn ${hex(pfn)} still charged when page_free runs`);
    if (p.mapping?.kind === 'anon') {
      trace(
        k,
        '__ClearPageAnonExclusive',
        'include/linux/page-flags.h',
        'stale anon state cleared',
      );
    }
    p.mapping = null;
    const dev = p.device;
    const ops = dev === null ? null : pagemapOps(k, dev, pfn);
    if (dev !== null && ops) {
      call(k, 'pgmap->ops->page_free', 'include/linux/memremap.h', `${ops.tag}'s page_free`, () => {
        counters(k).page_free += 1;
        ops.page_free(k, dev, pfn);
      });
    }
    trace(
      k,
      'put_dev_pagemap',
      'include/linux/memremap.h',
      'drop the pgmap reference of zone_device_page_init; the page stays at refcount 0',
    );
  });
}

/**
 * zone_device_page_init (mm/memremap.c): the driver takes a free page. WARN if the pgmap is dying;
 * set_page_count(page, 1); lock_page. A page that is not at 0 here is a refcount bug (I-1').
 */
export function zone_device_page_init(k: Kernel, pfn: Pfn): void {
  call(k, 'zone_device_page_init', FILE, `pfn ${hex(pfn)}: refcount 0 → 1, locked`, () => {
    const p = page(k, pfn);
    if (p.refcount !== 0) {
      bug(k, "I-1'", `zone_device_page_init on pfn ${hex(pfn)} with refcount ${p.refcount}`);
    }
    trace(k, 'percpu_ref_tryget_live', 'include/linux/percpu-refcount.h', 'pgmap reference');
    p.refcount = 1;
    p.locked = true;
  });
}
