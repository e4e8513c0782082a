/** Small mm helpers: find_vma, RSS counters, vm_normal_page (include/linux/mm.h, mm/mmap.c). */
import type { Kernel } from './kernel';
import { proc, rssOf } from './kernel';
import { freezesSteps } from './immer_mode';
import type { KernelState, Page, Pid, Process, Prot, Pte, Rss, Vma, Vpn } from './types';
import { is_zero_pfn, lookupPage } from './page_store';

/** find_vma, strict: the VMA containing vpn, or undefined. */
export function vmaAt(p: Process, vpn: Vpn): Vma | undefined {
  return p.vmas.find((v) => vpn >= v.start && vpn < v.end);
}

/**
 * find_vma (strict: the VMA containing vpn, or undefined) through the mm's vmacache. The VMA
 * returned is a plain copy of the mm's, for reading: the mm's own is an immer draft, and each
 * field read through it ran immer's get trap (a bulk fault reads prot, shared, anonymous and
 * anonVma per page: ~5% of a 65,536-page write). Code that changes a VMA changes the mm's own
 * (proc(k, pid).vmas) and calls vmacache_invalidate. In unit tests the copy is frozen and every
 * hit is checked against the list, so a write to it or a missed invalidation fails loudly.
 */
export function find_vma(k: Kernel, pid: Pid, vpn: Vpn): Vma | undefined {
  const hit = k.vmacache.get(pid);
  if (hit && vpn >= hit.start && vpn < hit.end) {
    if (freezesSteps() && JSON.stringify(vmaAt(proc(k, pid), vpn)) !== JSON.stringify(hit.vma))
      throw new Error(
        `vmacache of pid ${pid} is stale at vpn ${vpn}: a vmacache_invalidate is missing`,
      );
    return hit.vma;
  }
  const live = vmaAt(proc(k, pid), vpn);
  if (!live) return undefined;
  const vma: Vma = { ...live };
  if (freezesSteps()) Object.freeze(vma);
  k.vmacache.set(pid, { vma, start: vma.start, end: vma.end });
  return vma;
}

export const vmaReadable = (v: Vma): boolean => v.prot !== 'none';
/** VM_WRITE of a protection. */
export const protWrites = (p: Prot): boolean => p.includes('w');
export const vmaWritable = (v: Vma): boolean => protWrites(v.prot);
/** vma_is_anonymous: no vm_ops. A shared anonymous mapping is shmem, not anonymous. */
export const vma_is_anonymous = (v: Vma): boolean => v.anonymous && !v.shared;
/** is_cow_mapping: private mappings have VM_MAYWRITE without VM_SHARED. */
export const is_cow_mapping = (v: Vma): boolean => !v.shared;

/** mm_counter(page): which RSS counter a page is accounted in. */
export function mm_counter(p: Page): keyof Rss {
  if (p.mapping?.kind === 'file') return 'shmem';
  return 'anon';
}

export function inc_mm_counter(k: Kernel, pid: Pid, which: keyof Rss, n = 1): void {
  rssOf(k, pid)[which] += n;
}

/**
 * _vm_normal_page: the struct page behind a present PTE, or null for "special" mappings: the zero
 * page (is_zero_pfn), and DEVICE_PUBLIC devmap PTEs unless the caller passes with_public_device (seed 002).
 */
export function _vm_normal_page(
  s: KernelState,
  pte: Pte,
  with_public_device: boolean,
): Page | null {
  if (pte.kind === 'present') {
    if (is_zero_pfn(s, pte.pfn)) return null;
    return lookupPage(s, pte.pfn) ?? null;
  }
  if (pte.kind === 'devmap') return with_public_device ? (lookupPage(s, pte.pfn) ?? null) : null;
  return null;
}

export const PageAnon = (p: Page): boolean => p.mapping?.kind === 'anon';
