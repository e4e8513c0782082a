/**
 * Per-leaf summaries of the sparse tables, cached by leaf identity. The tables are structurally
 * shared between frames, so a step recomputes only the leaves it changed and an aggregated row of
 * the map costs the leaves it spans, never the pages inside them.
 */
import type { MirrorPerm, Page, Pfn, Pte, Table } from '../../model/types';
import { tableLeaves } from '../../model/table';

/** One group of entries that draw alike: same PTE kind and write bit, same side of RAM's end. */
export interface Bundle {
  /** e.g. "present:W:ram", "device-private:R:dev". */
  readonly key: string;
  n: number;
  min: number;
  max: number;
}

type Leaf<V> = readonly (V | undefined)[];

const pteCache = new WeakMap<object, Map<string, Bundle>>();
const mirrorCache = new WeakMap<object, Map<string, Bundle>>();
const pageCache = new WeakMap<object, { n: number; leaks: Page[] }>();

export function pteBundleKey(pte: Pte, ramPages: number): string {
  const w = pte.kind === 'hwpoison' ? '-' : pte.write ? 'W' : 'R';
  const kind = pte.kind === 'present' && pte.zero ? 'zero' : pte.kind;
  return `${kind}:${w}:${pte.pfn < ramPages ? 'ram' : 'dev'}`;
}

function add(m: Map<string, Bundle>, key: string, pfn: number, n = 1, max = pfn): void {
  const b = m.get(key);
  if (b) {
    b.n += n;
    b.min = Math.min(b.min, pfn);
    b.max = Math.max(b.max, max);
  } else m.set(key, { key, n, min: pfn, max });
}

function leafBundles<V>(
  cache: WeakMap<object, Map<string, Bundle>>,
  leaf: Leaf<V>,
  keyOf: (v: V) => [string, number],
): Map<string, Bundle> {
  const hit = cache.get(leaf);
  if (hit) return hit;
  const m = new Map<string, Bundle>();
  for (const v of leaf) {
    if (v === undefined) continue;
    const [key, pfn] = keyOf(v);
    add(m, key, pfn);
  }
  cache.set(leaf, m);
  return m;
}

function sum<V>(
  t: Table<V>,
  from: number,
  to: number,
  cache: WeakMap<object, Map<string, Bundle>>,
  keyOf: (v: V) => [string, number],
): Map<string, Bundle> {
  const out = new Map<string, Bundle>();
  for (const [, leaf] of tableLeaves(t, from, to)) {
    // Buckets are aligned to leaves (layout.ts), so a whole leaf lies inside [from, to).
    for (const b of leafBundles(cache, leaf, keyOf).values()) add(out, b.key, b.min, b.n, b.max);
  }
  return out;
}

/** PTEs of [from, to) grouped by how they draw, with their pfn range. */
export function pteBundles(t: Table<Pte>, from: number, to: number, ramPages: number) {
  return sum(t, from, to, pteCache, (p: Pte) => [pteBundleKey(p, ramPages), p.pfn]);
}

/** Mirror entries of [from, to) grouped by permission. */
export function mirrorBundles(
  t: Table<{ readonly pfn: Pfn; readonly perm: MirrorPerm }>,
  from: number,
  to: number,
) {
  return sum(t, from, to, mirrorCache, (e) => [`mirror:${e.perm}`, e.pfn]);
}

/**
 * Stored (non-idle) pages of [from, to) and those whose refcount no PTE, pin, page cache or lock
 * explains (unexplainedRefs in describe.ts, computed here from the page alone so it can be cached).
 */
export function pageStats(
  t: Table<Page>,
  from: number,
  to: number,
  unexplained: (p: Page) => number,
): { n: number; leaks: Page[] } {
  let n = 0;
  const leaks: Page[] = [];
  for (const [, leaf] of tableLeaves(t, from, to)) {
    let s = pageCache.get(leaf);
    if (!s) {
      s = { n: 0, leaks: [] };
      for (const p of leaf) {
        if (!p) continue;
        s.n += 1;
        if (unexplained(p) > 0) s.leaks.push(p);
      }
      pageCache.set(leaf, s);
    }
    for (const p of s.leaks) if (p.pfn >= from && p.pfn < to) leaks.push(p);
    n += s.n;
  }
  return { n, leaks };
}
