/** LRU isolation (mm/vmscan.c isolate_lru_page, putback_lru_page). Never for ZONE_DEVICE (I-9). */
import type { Kernel } from './kernel';
import { bug, page, trace } from './kernel';
import type { Pfn } from './types';
import { hex } from './ids';
import { get_page, put_page } from './swap';

/** Returns true on success: the page leaves the LRU and the caller holds a new reference. */
export function isolate_lru_page(k: Kernel, pfn: Pfn): boolean {
  const p = page(k, pfn);
  if (p.memory !== 'system') bug(k, 'I-9', `isolate_lru_page on ZONE_DEVICE pfn ${hex(pfn)}`);
  if (!p.lru) {
    trace(k, 'isolate_lru_page', 'mm/vmscan.c', `pfn ${hex(pfn)} is not on the LRU: -EBUSY`);
    return false;
  }
  get_page(k, pfn, 'isolate_lru_page');
  p.lru = false;
  trace(k, 'isolate_lru_page', 'mm/vmscan.c', `pfn ${hex(pfn)} taken off the LRU`);
  return true;
}

/** Back on the LRU, dropping the isolation reference (which may free the page). */
export function putback_lru_page(k: Kernel, pfn: Pfn): void {
  const p = page(k, pfn);
  if (p.memory !== 'system') bug(k, 'I-9', `putback_lru_page on ZONE_DEVICE pfn ${hex(pfn)}`);
  p.lru = true;
  trace(k, 'putback_lru_page', 'mm/vmscan.c', `pfn ${hex(pfn)} back on the LRU`);
  put_page(k, pfn, 'putback_lru_page');
}
