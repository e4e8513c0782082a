/** The buddy allocator, reduced to what the model needs (mm/page_alloc.c). */
import type { Kernel } from './kernel';
import { isModern } from './eras/spec';
import { call, dropPage, page, trace } from './kernel';
import type { Pfn } from './types';
import { KERNEL_IMAGE_PAGES } from './types';
import { asPfn, hex } from './ids';

const FILE = 'mm/page_alloc.c';

/**
 * alloc_pages for a user page: the most recently freed frame first, then the lowest never-used one.
 * Returns null when System RAM is exhausted (the caller turns that into VM_FAULT_OOM or -ENOMEM).
 */
export function alloc_page(k: Kernel, why: string): Pfn | null {
  const ram = k.s.ram;
  let pfn: Pfn | null = null;
  if (ram.recycled.length > 0) pfn = ram.recycled.pop() ?? null;
  else if (ram.fresh < k.s.machine.ramPages - KERNEL_IMAGE_PAGES) {
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
  trace(k, allocFn(k), FILE, `${why}: got pfn ${hex(pfn)} (refcount 1)`);
  return pfn;
}

/** free_hot_cold_page: a frame whose refcount reached 0 goes back to the buddy allocator. */
export function free_hot_cold_page(k: Kernel, pfn: Pfn): void {
  call(k, 'free_hot_cold_page', FILE, `pfn ${hex(pfn)} back to the buddy allocator`, () => {
    dropPage(k, pfn);
    k.s.ram.recycled.push(pfn);
    k.s.ram.free += 1;
  });
}

/** The buddy allocator's entry point: __alloc_pages_nodemask in v4.14, __alloc_pages in v6.12. */
function allocFn(k: Kernel): string {
  return isModern(k.s) ? '__alloc_pages' : '__alloc_pages_nodemask';
}
