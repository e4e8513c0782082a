/**
 * The driver's device-memory allocator (dmirror_devmem_alloc_page / dmirror_devmem_free, written
 * on v4.14's hmm_devmem API): a free list of idle pages at refcount 1, refilled by hotplugging
 * another 256 MiB chunk when it runs dry.
 */
import { own } from '../own';
import type { Kernel } from '../kernel';
import { call, page, trace } from '../kernel';
import type { DeviceId, Pfn } from '../types';
import { DEVMEM_CHUNK_PAGES, PAGE_SIZE } from '../types';
import { asPfn, hex } from '../ids';
import { get_page } from '../swap';
import { hmm_devmem_add } from '../hmm_devmem';
import { DMIRROR, dmirrorOf } from './dmirror_data';
import { eraSpec, isModern } from '../eras/spec';
import { modernCore } from '../eras/modern';
import { freeListPop, freeListPush } from '../free_list';

const FILE = 'lib/test_hmm.c';

/** Hotplug one more chunk (private devices only: public memory is what the platform gave). */
export function dmirror_allocate_chunk(k: Kernel, dev: DeviceId): boolean {
  const d = own(k.s.devices, dev);
  const dd = dmirrorOf(k, dev);
  if (!d || !dd || d.type === 'public') return false;
  // A coherent device has one chunk: its spm_addr range (a second memremap_pages there fails).
  if (d.type === 'coherent' && d.chunks.length > 0) return false;
  return call(k, 'dmirror_allocate_chunk', FILE, `${dev}: hotplug another 256 MiB`, () => {
    const size = DEVMEM_CHUNK_PAGES * PAGE_SIZE;
    // The same driver source built against each era's API: v4.14 hmm_devmem_add registers
    // hmm_devmem_ops, v6.12 memremap_pages registers dev_pagemap_ops (both under the DMIRROR tag).
    const r = !isModern(k.s)
      ? hmm_devmem_add(k, DMIRROR, dev, size)
      : d.type === 'coherent'
        ? modernCore().hotplug_coherent_chunk(k, DMIRROR, dev, size)
        : modernCore().hotplug_private_chunk(k, DMIRROR, dev, size);
    if (!r.ok) return false;
    d.chunks.push(r.devmem);
    dd.freePages += r.devmem.pfnLast - r.devmem.pfnFirst;
    if (dd.freeList.fresh === null) dd.freeList.fresh = r.devmem.pfnFirst;
    trace(
      k,
      'dmirror_allocate_chunk',
      FILE,
      `${r.devmem.pfnLast - r.devmem.pfnFirst} pages on the free list`,
    );
    return true;
  });
}

function popFree(k: Kernel, dev: DeviceId): Pfn | null {
  const d = own(k.s.devices, dev);
  const dd = dmirrorOf(k, dev);
  if (!d || !dd) return null;
  const recycled = freeListPop(dd.freeList.recycled);
  if (recycled !== null) return recycled;
  const fresh = dd.freeList.fresh;
  if (fresh === null) return null;
  // Advance through the chunks in order: the never-used pages lie above `fresh`.
  const idx = d.chunks.findIndex((c) => fresh >= c.pfnFirst && fresh < c.pfnLast);
  const chunk = d.chunks[idx];
  if (!chunk) return null;
  if (fresh + 1 < chunk.pfnLast) dd.freeList.fresh = asPfn(fresh + 1);
  else dd.freeList.fresh = d.chunks[idx + 1]?.pfnFirst ?? null;
  return fresh;
}

/**
 * Take a free device page, ready to be a migrate_vma dst: v4.14 get_page (1 → 2) and lock_page;
 * v6.12 zone_device_page_init (0 → 1, locked).
 */
export function dmirror_devmem_alloc_page(k: Kernel, dev: DeviceId): Pfn | null {
  return call(k, 'dmirror_devmem_alloc_page', FILE, `${dev}: take a page off the free list`, () => {
    const d = own(k.s.devices, dev);
    const dd = dmirrorOf(k, dev);
    if (!d || !dd || d.removed) return null;
    let pfn = popFree(k, dev);
    if (pfn === null && dmirror_allocate_chunk(k, dev)) pfn = popFree(k, dev);
    if (pfn === null) {
      trace(k, 'dmirror_devmem_alloc_page', FILE, 'device memory exhausted');
      return null;
    }
    dd.freePages -= 1;
    dd.calloc += 1;
    page(k, pfn).allocated = true;
    if (eraSpec(k.s).deviceIdleRef === 0) {
      modernCore().zone_device_page_init(k, pfn);
      return pfn;
    }
    get_page(k, pfn, 'driver allocation');
    page(k, pfn).locked = true;
    trace(k, 'lock_page', 'include/linux/pagemap.h', `pfn ${hex(pfn)} locked`);
    return pfn;
  });
}

/** hmm_devmem_ops.free: the page is idle again (refcount back at 1): push it on the free list. */
export function dmirror_devmem_free(k: Kernel, dev: DeviceId, pfn: Pfn): void {
  call(k, 'dmirror_devmem_free', FILE, `${dev}: pfn ${hex(pfn)} back on the free list`, () => {
    const d = own(k.s.devices, dev);
    const dd = dmirrorOf(k, dev);
    if (!d || !dd) return;
    page(k, pfn).allocated = false;
    if (d.removed) return;
    freeListPush(dd.freeList.recycled, pfn);
    dd.freePages += 1;
    dd.cfree += 1;
  });
}
