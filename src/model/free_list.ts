/**
 * A LIFO list of free page frames: the buddy allocator's hot end (free_hot_cold_page puts a freed
 * page at the head of the per-cpu list, and the next allocation takes it back first) and
 * lib/test_hmm.c's mdevice->free_pages (dmirror_devmem_free pushes, dmirror_devmem_alloc_page
 * pops). The kernel threads these lists through the free pages themselves (page->lru,
 * page->zone_device_data), so a push or pop touches one page and the head.
 *
 * The model keeps the pfns in a radix table (table.ts) keyed by position, bottom first, with the
 * list's length beside it: a push or pop copies one bounded path of nodes, as the kernel touches
 * one page. A plain array here was copied whole by immer on each step that freed or took a page,
 * so a 4-page migration cost 2.5 ms after 24,576 pages had been freed, and 0.5 ms after 384.
 */
import type { FreeList, Pfn } from './types';
import { emptyTable, tableDelete, tableGet, tableRange, tableSet } from './table';

export function emptyFreeList(): FreeList {
  return { length: 0, entries: emptyTable() };
}

/** list_add: `pfn` becomes the first one taken. */
export function freeListPush(list: FreeList, pfn: Pfn): void {
  tableSet(list.entries, list.length, pfn);
  list.length += 1;
}

/** list_first_entry + list_del: the most recently freed pfn, or null when the list is empty. */
export function freeListPop(list: FreeList): Pfn | null {
  if (list.length === 0) return null;
  const top = list.length - 1;
  const pfn = tableGet(list.entries, top);
  if (pfn === undefined) throw new Error(`free list: no entry at ${top} of ${list.length}`);
  tableDelete(list.entries, top);
  list.length = top;
  return pfn;
}

/** The first `n` pfns an allocation would take, in the order it would take them. */
export function freeListTop(list: FreeList, n: number): Pfn[] {
  return tableRange(list.entries, Math.max(0, list.length - n), list.length)
    .map(([, pfn]) => pfn)
    .reverse();
}
