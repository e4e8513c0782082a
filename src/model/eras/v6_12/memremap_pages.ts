/**
 * Device-memory hotplug of v6.12, as lib/test_hmm.c dmirror_allocate_chunk does it:
 * request_free_mem_region (kernel/resource.c get_free_mem_region, GFR_DESCENDING) then
 * memremap_pages (mm/memremap.c) with a MEMORY_DEVICE_PRIVATE dev_pagemap whose owner is the
 * device; and memunmap_pages on removal. Replaces v4.14's hmm_devmem_add / hmm_devmem_remove.
 */
import type { Kernel } from '../../kernel';
import { call, trace } from '../../kernel';
import type { Devmem, Resource } from '../../types';
import { PAGE_SIZE, PA_SECTION_SHIFT } from '../../types';
import { Errno } from '../../ops';
import { asPfn, hex } from '../../ids';
import { region_intersects, release_mem_region, request_mem_region } from '../../resource';
import type { DevmemResult } from '../../hmm_devmem';

/** GFR_DEFAULT_ALIGN = 1 << PA_SECTION_SHIFT (128 MiB) with CONFIG_SPARSEMEM. */
const GFR_ALIGN = 2 ** PA_SECTION_SHIFT;

/**
 * request_free_mem_region(&iomem_resource, size, name): the highest free section-aligned range
 * below min(iomem_resource.end, PHYSMEM_END). The model's PHYSMEM_END is 2^physBits − 1 (x86-64
 * without KASLR memory randomisation; with it, v6.11+ uses the end of the direct map).
 */
export function request_free_mem_region(
  k: Kernel,
  name: string,
  sizeBytes: number,
  desc: Resource['desc'] = 'IORES_DESC_DEVICE_PRIVATE_MEMORY',
): Resource | null {
  return call(
    k,
    'request_free_mem_region',
    'kernel/resource.c',
    `${name}: ${sizeBytes / 2 ** 20} MiB`,
    () => {
      const size = Math.ceil(sizeBytes / GFR_ALIGN) * GFR_ALIGN;
      const end = 2 ** k.s.machine.physBits - 1;
      let tried = 0;
      // gfr_start: end - size + 1; gfr_continue: addr > align; gfr_next: addr - align.
      for (let addr = end - size + 1; addr > GFR_ALIGN && addr >= 0; addr -= GFR_ALIGN) {
        tried += 1;
        if (region_intersects(k.s, addr, size, false) !== 'REGION_DISJOINT') continue;
        trace(
          k,
          'get_free_mem_region',
          'kernel/resource.c',
          `[${hex(addr)}, +${hex(size)}) is free (${tried} candidate(s), 128 MiB steps)`,
        );
        return request_mem_region(k, addr, size, name, desc);
      }
      trace(k, 'get_free_mem_region', 'kernel/resource.c', 'no free range: -ERANGE');
      return null;
    },
  );
}

/**
 * memremap_pages(pgmap, nid) for MEMORY_DEVICE_PRIVATE: struct pages, no linear mapping. `ops` is
 * the tag of the driver whose dev_pagemap_ops (page_free, migrate_to_ram) pgmap->ops names; the
 * owner is the device (dmirror sets pgmap->owner = mdevice).
 */
export function memremap_pages(
  k: Kernel,
  ops: string,
  name: string,
  res: Resource,
  coherent = false,
): DevmemResult {
  const type = coherent ? 'MEMORY_DEVICE_COHERENT' : 'MEMORY_DEVICE_PRIVATE';
  return call(
    k,
    'memremap_pages',
    'mm/memremap.c',
    `${type} [${hex(res.start)}, ${hex(res.end)}], owner ${name}`,
    () => {
      trace(
        k,
        'memremap_pages',
        'mm/memremap.c',
        coherent
          ? 'checks: ops->page_free set, pgmap->owner non-NULL'
          : 'checks: ops->page_free and ops->migrate_to_ram set, pgmap->owner non-NULL',
      );
      trace(k, 'devmap_managed_enable_get', 'mm/memremap.c', 'put_page now checks ZONE_DEVICE');
      trace(k, 'pagemap_range', 'mm/memremap.c', 'xa_store_range: pgmap_array covers the range');
      // pagemap_range: is_private → add_pages (no linear map); otherwise arch_add_memory.
      trace(
        k,
        coherent ? 'arch_add_memory' : 'add_pages',
        'arch/x86/mm/init_64.c',
        coherent
          ? 'struct pages and a linear mapping: the CPU loads and stores device memory directly'
          : 'struct pages only: no linear mapping for unaddressable memory',
      );
      const pfnFirst = asPfn(res.start / PAGE_SIZE);
      const pfnLast = asPfn((res.end + 1) / PAGE_SIZE);
      trace(
        k,
        'memmap_init_zone_device',
        'mm/mm_init.c',
        `ZONE_DEVICE: ${pfnLast - pfnFirst} pages, refcount 0 (free), page->pgmap set`,
      );
      return { ok: true as const, devmem: { pfnFirst, pfnLast, live: true, ops } };
    },
  );
}

/** dmirror_allocate_chunk's hotplug half: request_free_mem_region + memremap_pages. */
export function hotplug_private_chunk(
  k: Kernel,
  ops: string,
  name: string,
  sizeBytes: number,
): DevmemResult {
  const res = request_free_mem_region(k, name, sizeBytes);
  if (!res) return { ok: false, err: -Errno.ERANGE };
  const r = memremap_pages(k, ops, name, res);
  if (!r.ok) release_mem_region(k, res.start);
  return r;
}

/**
 * dmirror_allocate_chunk for a coherent device (v6.12): the range is the spm_addr_dev0/1 module
 * parameter, EFI specific-purpose memory the firmware set aside. The model's platform places that
 * "Soft Reserved" range top-down like request_free_mem_region would, then memremap_pages maps it
 * as MEMORY_DEVICE_COHERENT.
 */
export function hotplug_coherent_chunk(
  k: Kernel,
  ops: string,
  name: string,
  sizeBytes: number,
): DevmemResult {
  trace(
    k,
    'dmirror_allocate_chunk',
    'lib/test_hmm.c',
    `${name}: pagemap.range.start = spm_addr (the platform's specific-purpose memory)`,
  );
  const res = request_free_mem_region(k, name, sizeBytes, 'IORES_DESC_SOFT_RESERVED');
  if (!res) return { ok: false, err: -Errno.ERANGE };
  const r = memremap_pages(k, ops, name, res, true);
  if (!r.ok) release_mem_region(k, res.start);
  return r;
}

/** memunmap_pages + release_mem_region (dmirror_device_remove_chunks, after eviction). */
export function memunmap_pages(k: Kernel, name: string, devmem: Devmem): void {
  call(
    k,
    'memunmap_pages',
    'mm/memremap.c',
    `${name} [${hex(devmem.pfnFirst)}, ${hex(devmem.pfnLast)})`,
    () => {
      trace(
        k,
        'percpu_ref_kill',
        'mm/memremap.c',
        'wait until every page reference taken by zone_device_page_init is dropped',
      );
      trace(k, 'pageunmap_range', 'mm/memremap.c', 'struct pages removed (__remove_pages)');
      release_mem_region(k, devmem.pfnFirst * PAGE_SIZE);
      devmem.live = false;
    },
  );
}
