/** The buddy allocator, reduced to what the model needs (mm/page_alloc.c). */
import type { Kernel } from './kernel';
import { call, dropPage, page, ramOf, trace, traceFmt } from './kernel';
import type { Pfn } from './types';
import { KERNEL_IMAGE_PAGES } from './types';
import { asPfn, hex } from './ids';
import { eventSite } from './event_log';
import { freeListPop, freeListPush } from './free_list';

const FILE = 'mm/page_alloc.c';

/**
 * alloc_pages for a user page: the most recently freed frame first, then the lowest never-used one.
 * Returns null when System RAM is exhausted (the caller turns that into VM_FAULT_OOM or -ENOMEM).
 */
export function alloc_page(k: Kernel, why: string): Pfn | null {
  const ram = ramOf(k);
  let pfn: Pfn | null = null;
  if (ram.recycledLength > 0) {
    pfn = freeListPop(k.s.ram.recycled);
    ram.recycledLength -= 1;
  } else if (ram.fresh < k.ramPages - KERNEL_IMAGE_PAGES) {
    // The kernel image (the zero page) at the top of RAM was never given to the buddy allocator.
    pfn = ram.fresh;
    ram.fresh = asPfn(ram.fresh + 1);
  }
  if (pfn === null) {
    trace(k, allocFn(k), FILE, `no free page left for ${why}: allocation fails`);
    return null;
  }
  ram.free -= 1;
  const p = page(k, pfn);
  p.refcount = 1;
  p.value = 0;
  traceFmt(k, k.spec.id !== 'v4.14' ? GOT_PAGE_V612 : GOT_PAGE, why, pfn, 0);
  return pfn;
}

const gotPage = (why: string, pfn: Pfn): string => `${why}: got pfn ${hex(pfn)} (refcount 1)`;
/** The two eras' names of the entry point (allocFn). */
const GOT_PAGE = eventSite<string, Pfn>('__alloc_pages_nodemask', FILE, gotPage);
const GOT_PAGE_V612 = eventSite<string, Pfn>('__alloc_pages', FILE, gotPage);

/** free_hot_cold_page: a frame whose refcount reached 0 goes back to the buddy allocator. */
export function free_hot_cold_page(k: Kernel, pfn: Pfn): void {
  call(k, 'free_hot_cold_page', FILE, `pfn ${hex(pfn)} back to the buddy allocator`, () => {
    dropPage(k, pfn);
    const ram = ramOf(k);
    freeListPush(k.s.ram.recycled, pfn);
    ram.recycledLength += 1;
    ram.free += 1;
  });
}

/** The buddy allocator's entry point: __alloc_pages_nodemask in v4.14, __alloc_pages in v6.12. */
function allocFn(k: Kernel): string {
  return k.spec.id !== 'v4.14' ? '__alloc_pages' : '__alloc_pages_nodemask';
}
