/**
 * Page states as small integer codes, ordered by how much they matter (an aggregated cell shows
 * its most interesting page), and per-leaf summaries cached by leaf identity: the tables are
 * structurally shared, so a step recomputes only the leaves it changed.
 */
import { type Page, type Table, TABLE_LEAF_SIZE, tableLeaves, type Leaf } from '../../model';

/** 0 = idle (drawn from the pfn's owner: free, reserved, or a hole). */
export const CODE = { idle: 0, used: 1, mapped: 2, shared: 3, locked: 4 } as const;
export type Code = (typeof CODE)[keyof typeof CODE];
export const CODE_COUNT = 5;

export function pageCode(p: Page): Code {
  if (p.locked) return CODE.locked;
  if (p.mapcount >= 2) return CODE.shared;
  if (p.mapcount === 1) return CODE.mapped;
  return CODE.used;
}

/** The model's leaf size (a power of two): a retuned table needs no change here. */
export const LEAF = TABLE_LEAF_SIZE;
const LEVELS = Math.log2(LEAF) + 1;
/** Offset of level L (block size 2^L) in the pyramid: LEAF + LEAF/2 + … */
const OFFSET: number[] = [];
{
  let o = 0;
  for (let l = 0; l < LEVELS; l++) {
    OFFSET.push(o);
    o += LEAF >> l;
  }
}
const PYRAMID_SIZE = 2 * LEAF - 1;

const cache = new WeakMap<object, Uint8Array>();

/** Max code per block of 2^L pages, for every L, of one leaf of the page table. */
export function leafPyramid(leaf: Leaf<Page>): Uint8Array {
  const hit = cache.get(leaf);
  if (hit) return hit;
  const p = new Uint8Array(PYRAMID_SIZE);
  for (let i = 0; i < LEAF; i++) {
    const page = leaf[i];
    if (page) p[i] = pageCode(page);
  }
  for (let l = 1; l < LEVELS; l++) {
    const src = OFFSET[l - 1] ?? 0;
    const dst = OFFSET[l] ?? 0;
    const n = LEAF >> l;
    for (let i = 0; i < n; i++) p[dst + i] = Math.max(p[src + 2 * i] ?? 0, p[src + 2 * i + 1] ?? 0);
  }
  cache.set(leaf, p);
  return p;
}

/** Code of the block of k pages (k ≤ LEAF, a power of two) at offset `first` of its leaf. */
export function blockCode(pyr: Uint8Array, k: number, first: number): number {
  const l = Math.round(Math.log2(k));
  return pyr[(OFFSET[l] ?? 0) + Math.floor(first / k)] ?? 0;
}

/**
 * Call `visit(pfn, code)` for every cell of k pages in [from, to) whose code is not idle.
 * Visits only leaves that exist and overlap the range, so the cost follows the visible window and
 * the stored pages in it, never the machine.
 */
export function forEachBusyCell(
  pages: Table<Page>,
  from: number,
  to: number,
  k: number,
  visit: (pfn: number, code: number) => void,
): void {
  const leaves = tableLeaves(pages, from, to);
  if (k > LEAF) {
    // A cell spans several leaves: its code is the max of their top codes.
    const cells = new Map<number, number>();
    for (const [n, leaf] of leaves) {
      const top = leafPyramid(leaf)[PYRAMID_SIZE - 1] ?? 0;
      const pfn = Math.floor((n * LEAF) / k) * k;
      if (top > 0 && pfn >= from && pfn < to) cells.set(pfn, Math.max(top, cells.get(pfn) ?? 0));
    }
    for (const [pfn, code] of cells) visit(pfn, code);
    return;
  }
  for (const [n, leaf] of leaves) {
    const pyr = leafPyramid(leaf);
    const base = n * LEAF;
    const start = Math.max(from, base);
    const end = Math.min(to, base + LEAF);
    for (let pfn = Math.floor(start / k) * k; pfn < end; pfn += k) {
      const code = blockCode(pyr, k, pfn - base);
      if (code > 0) visit(pfn, code);
    }
  }
}
