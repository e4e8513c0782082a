/**
 * Device memory hotplug of v4.14 (mm/hmm.c, seed 000; kernel-semantics.md §2.1–2.2):
 * hmm_devmem_add (top-down search of the physical address space), hmm_devmem_add_resource
 * (DEVICE_PUBLIC, platform-supplied range), hmm_devmem_pages_create, hmm_devmem_remove.
 */
import type { Kernel } from './kernel';
import { bug, call, dropPage, trace } from './kernel';
import type { Devmem, DeviceType, Resource } from './types';
import { MAX_PHYSMEM_BITS, PAGE_SIZE, PAGES_PER_SECTION, PA_SECTION_SHIFT } from './types';
import { Errno } from './ops';
import { asPfn, hex } from './ids';
import { region_intersects, release_mem_region, request_mem_region } from './resource';
import { tableRange } from './table';
import type { Pfn } from './types';

const FILE = 'mm/hmm.c';
const SECTION = 2 ** PA_SECTION_SHIFT;

export type DevmemResult = { ok: true; devmem: Devmem } | { ok: false; err: number };

const alignUp = (n: number, a: number): number => Math.ceil(n / a) * a;
const alignDown = (n: number, a: number): number => Math.floor(n / a) * a;

/**
 * hmm_devmem_add(ops, device, size): find a free range from the top down and hotplug it. `ops` is
 * the tag of the driver whose hmm_devmem_ops (fault, free) the new pages' callbacks end in.
 */
export function hmm_devmem_add(
  k: Kernel,
  ops: string,
  name: string,
  sizeBytes: number,
): DevmemResult {
  return call(k, 'hmm_devmem_add', FILE, `${name}: ${sizeBytes / 2 ** 20} MiB`, () => {
    trace(
      k,
      'static_branch_enable',
      'include/linux/jump_label.h',
      'device_private_key on: put_page checks ZONE_DEVICE pages',
    );
    const size = alignUp(sizeBytes, SECTION);
    // addr = min(iomem_resource.end, (1UL << MAX_PHYSMEM_BITS) - 1) - size + 1: iomem_resource
    // ends at 2^x86_phys_bits - 1, and MAX_PHYSMEM_BITS is 46 on 4-level x86-64 whatever the CPU.
    const top = Math.min(2 ** k.s.machine.physBits, 2 ** MAX_PHYSMEM_BITS);
    let res: Resource | null = null;
    let candidates = 0;
    for (let addr = top - size; addr > size && addr >= 0; addr -= size) {
      candidates += 1;
      if (region_intersects(k.s, addr, size, false) !== 'REGION_DISJOINT') {
        trace(
          k,
          'region_intersects',
          'kernel/resource.c',
          `[${hex(addr)}, +${hex(size)}) overlaps: step down by size`,
        );
        continue;
      }
      trace(
        k,
        'region_intersects',
        'kernel/resource.c',
        `[${hex(addr)}, +${hex(size)}) is REGION_DISJOINT`,
      );
      res = request_mem_region(k, addr, size, name, 'IORES_DESC_DEVICE_PRIVATE_MEMORY');
      if (!res) return { ok: false as const, err: -Errno.ENOMEM };
      break;
    }
    if (!res) {
      trace(k, 'hmm_devmem_add', FILE, `no free range after ${candidates} candidates: -ERANGE`);
      return { ok: false as const, err: -Errno.ERANGE };
    }
    return hmm_devmem_pages_create(k, ops, res, 'private');
  });
}

/** hmm_devmem_add_resource: DEVICE_PUBLIC memory whose range the platform describes. */
export function hmm_devmem_add_resource(k: Kernel, ops: string, res: Resource): DevmemResult {
  return call(k, 'hmm_devmem_add_resource', FILE, `"${res.name}" ${res.desc}`, () => {
    if (res.desc !== 'IORES_DESC_DEVICE_PUBLIC_MEMORY')
      return { ok: false as const, err: -Errno.EINVAL };
    return hmm_devmem_pages_create(k, ops, res, 'public');
  });
}

function hmm_devmem_pages_create(
  k: Kernel,
  ops: string,
  res: Resource,
  type: DeviceType,
): DevmemResult {
  return call(
    k,
    'hmm_devmem_pages_create',
    FILE,
    `struct pages for [${hex(res.start)}, ${hex(res.end)}]`,
    () => {
      const start = alignDown(res.start, SECTION);
      const size = alignUp(res.end + 1 - start, SECTION);
      const ram = region_intersects(k.s, start, size, true);
      if (ram !== 'REGION_DISJOINT') {
        trace(k, 'region_intersects', 'kernel/resource.c', `${ram} with System RAM: -ENXIO`);
        return { ok: false as const, err: -Errno.ENXIO };
      }
      const pfnFirst = asPfn(res.start / PAGE_SIZE);
      const pfnLast = asPfn((res.end + 1) / PAGE_SIZE);
      for (const d of Object.values(k.s.devices)) {
        for (const c of d.chunks) {
          const sameSection =
            Math.floor(c.pfnFirst / PAGES_PER_SECTION) <=
              Math.floor((pfnLast - 1) / PAGES_PER_SECTION) &&
            Math.floor(pfnFirst / PAGES_PER_SECTION) <=
              Math.floor((c.pfnLast - 1) / PAGES_PER_SECTION);
          if (c.live && sameSection) {
            trace(k, 'hmm_devmem_pages_create', FILE, `collides with mapping for ${d.id}: -EBUSY`);
            return { ok: false as const, err: -Errno.EBUSY };
          }
        }
      }
      trace(
        k,
        'radix_tree_insert',
        'lib/radix-tree.c',
        `hmm_devmem_radix: ${size / SECTION} section key(s)`,
      );
      trace(k, 'mem_hotplug_begin', 'mm/memory_hotplug.c', 'take the hotplug lock');
      if (type === 'private') {
        trace(
          k,
          'add_pages',
          'arch/x86/mm/init_64.c',
          'struct pages only: no linear mapping for unaddressable memory',
        );
      } else {
        trace(
          k,
          'arch_add_memory',
          'arch/x86/mm/init_64.c',
          'struct pages and a kernel linear mapping (CPU can access)',
        );
      }
      trace(
        k,
        'move_pfn_range_to_zone',
        'mm/memory_hotplug.c',
        `ZONE_DEVICE: ${pfnLast - pfnFirst} pages get refcount 1, mapcount 0`,
      );
      trace(k, 'mem_hotplug_done', 'mm/memory_hotplug.c', 'release the hotplug lock');
      reinitStalePages(k, pfnFirst, pfnLast);
      trace(
        k,
        'hmm_devmem_pages_create',
        FILE,
        `page->pgmap set for pfn [${hex(pfnFirst)}, ${hex(pfnLast)})`,
      );
      return { ok: true as const, devmem: { pfnFirst, pfnLast, live: true, ops } };
    },
  );
}

/**
 * hmm_devmem_remove: v4.14 kills the percpu ref, removes the pages and releases the region. It
 * does not evict or even check for live mappings (I-17): their struct pages vanish under them.
 */
export function hmm_devmem_remove(k: Kernel, name: string, devmem: Devmem, type: DeviceType): void {
  call(
    k,
    'hmm_devmem_remove',
    FILE,
    `${name} [${hex(devmem.pfnFirst)}, ${hex(devmem.pfnLast)})`,
    () => {
      trace(
        k,
        'hmm_devmem_ref_kill',
        FILE,
        'percpu_ref_kill + wait_for_completion (no page holds this ref in v4.14)',
      );
      const live = liveDevicePages(k, devmem);
      if (live.length > 0) {
        trace(
          k,
          'hmm_devmem_release',
          FILE,
          `WARN? no: ${live.length} page(s) still in use and nobody checks`,
        );
        bug(
          k,
          'I-17',
          `hmm_devmem_remove(${name}) with ${live.length} device page(s) still referenced or mapped: ` +
            'v4.14 does not evict them (use-after-free of their struct pages)',
        );
      }
      trace(
        k,
        type === 'private' ? '__remove_pages' : 'arch_remove_memory',
        'mm/memory_hotplug.c',
        'struct pages removed',
      );
      trace(k, 'hmm_devmem_radix_release', FILE, 'section keys removed');
      if (type === 'private') release_mem_region(k, devmem.pfnFirst * PAGE_SIZE);
      devmem.live = false;
    },
  );
}

function liveDevicePages(k: Kernel, devmem: Devmem): number[] {
  return tableRange(k.s.pages, devmem.pfnFirst, devmem.pfnLast)
    .filter(([, p]) => p.refcount > 1 || p.rmap.length > 0)
    .map(([pfn]) => pfn);
}

/**
 * memmap_init_zone re-initialises every struct page of a hotplugged range (refcount 1, mapcount 0,
 * no mapping). When a removed device's range is hotplugged again, whatever its old struct pages
 * held is gone: nothing of it may leak into the new device's pages. PTEs that still point into
 * the range (the old device was removed while mapped, I-17) now reach the new device's pages.
 */
function reinitStalePages(k: Kernel, pfnFirst: Pfn, pfnLast: Pfn): void {
  const stale = tableRange(k.s.pages, pfnFirst, pfnLast);
  if (stale.length === 0) return;
  const dangling = stale.flatMap(([pfn, p]) => p.rmap.map((r) => ({ pfn, ...r })));
  trace(
    k,
    'memmap_init_zone',
    'mm/page_alloc.c',
    `${stale.length} struct page(s) left by a removed device re-initialised: refcount 1, mapcount 0`,
  );
  for (const [pfn] of stale) {
    dropPage(k, asPfn(pfn));
  }
  for (const d of dangling) {
    bug(
      k,
      'I-17',
      `pid ${d.pid} ${hex(d.vpn * PAGE_SIZE)} still maps pfn ${hex(d.pfn)} of a removed device: ` +
        'after this hotplug it reaches a fresh struct page of the new one',
    );
  }
}
