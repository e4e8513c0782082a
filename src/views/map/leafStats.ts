/**
 * Summaries of the sparse tables per radix node, cached by node identity. The tables are
 * structurally shared between frames (immer copies only the path to what a step wrote), so a step
 * recomputes only the nodes on the paths it changed, and a range query uses whole cached nodes:
 * an aggregated row or a band costs O(nodes it spans at the top), never the pages inside it.
 */
import type { MirrorPerm, Page, Pfn, Pte, Table, TableNode } from '../../model';
import { TABLE_LEAF_SIZE, tableRoot } from '../../model';

/** One group of entries that draw alike: same PTE kind and write bit, same side of RAM's end. */
export interface Bundle {
  /** e.g. "present:W:ram", "device-private:R:dev". */
  readonly key: string;
  n: number;
  min: number;
  max: number;
}

const L = TABLE_LEAF_SIZE;

/** How a summary is built from entries and merged from children. */
interface Summarizer<V, S> {
  /** Whole nodes. */
  readonly cache: WeakMap<object, S>;
  /**
   * Part of a node, by the range inside it ("from:to", relative to its first key). A row of
   * the map spans whole nodes and parts of at most two at each level; a step copies only the nodes
   * on its paths, so the parts of every other node come from here and a row costs a few lookups
   * instead of a merge per child (at 65,536 pages a row merged some 43 children; issue 8's flat cost).
   */
  readonly partial: WeakMap<object, Map<string, S>>;
  empty(): S;
  add(s: S, v: V): void;
  merge(into: S, from: S): void;
}

function nodeSummary<V, S>(z: Summarizer<V, S>, n: TableNode<V>, level: number): S {
  const hit = z.cache.get(n);
  if (hit) return hit;
  const s = z.empty();
  for (let i = 0; i < L; i++) {
    const c = n[i];
    if (c === undefined) continue;
    if (level === 0) z.add(s, c as V);
    else z.merge(s, nodeSummary(z, c as TableNode<V>, level - 1));
  }
  z.cache.set(n, s);
  return s;
}

/**
 * The summary of node n (first key `base`, `span` keys a child) restricted to [from, to), which
 * covers only part of it. Cached by node and relative range; never mutated once cached.
 */
function partSummary<V, S>(
  z: Summarizer<V, S>,
  n: TableNode<V>,
  level: number,
  base: number,
  span: number,
  from: number,
  to: number,
): S {
  const lo = Math.max(from, base) - base;
  const hi = Math.min(to, base + span * L) - base;
  const key = `${lo}:${hi}`;
  let parts = z.partial.get(n);
  const hit = parts?.get(key);
  if (hit) return hit;
  const s = z.empty();
  const i0 = Math.floor(lo / span);
  const i1 = Math.floor((hi - 1) / span);
  for (let i = i0; i <= i1; i++) {
    const c = n[i];
    if (c === undefined) continue;
    if (level === 0) {
      z.add(s, c as V);
      continue;
    }
    const cb = base + i * span;
    const child = c as TableNode<V>;
    const whole = base + lo <= cb && cb + span <= base + hi;
    z.merge(
      s,
      whole
        ? nodeSummary(z, child, level - 1)
        : partSummary(z, child, level - 1, cb, span / L, base + lo, base + hi),
    );
  }
  if (!parts) {
    parts = new Map();
    z.partial.set(n, parts);
  }
  parts.set(key, s);
  return s;
}

/** The summary of the entries with from <= key < to: whole nodes and parts of nodes, cached. */
function query<V, S>(z: Summarizer<V, S>, t: Table<V> | undefined, from: number, to: number): S {
  const out = z.empty();
  const r = t ? tableRoot(t) : null;
  if (!r || to <= from) return out;
  const span = L ** r.level;
  const lo = Math.max(0, from);
  const hi = Math.min(to, span * L);
  if (hi <= lo) return out;
  z.merge(
    out,
    lo === 0 && hi === span * L
      ? nodeSummary(z, r.node, r.level)
      : partSummary(z, r.node, r.level, 0, span, lo, hi),
  );
  return out;
}

/**
 * The summary of [from, to) without the entries at `skip` (ascending keys): the rows a run has
 * broken out and draws on their own, so that a run's counts and its bundled links never count an
 * entry a second time (one PTE, one link).
 */
function queryExcept<V, S>(
  z: Summarizer<V, S>,
  t: Table<V> | undefined,
  from: number,
  to: number,
  skip: readonly number[],
): S {
  if (skip.length === 0) return query(z, t, from, to);
  const out = z.empty();
  let at = from;
  for (const k of skip) {
    if (k < at || k >= to) continue;
    if (k > at) z.merge(out, query(z, t, at, k));
    at = k + 1;
  }
  if (at < to) z.merge(out, query(z, t, at, to));
  return out;
}

type Bundles = Map<string, Bundle>;

function addBundle(m: Bundles, key: string, min: number, n: number, max: number): void {
  const b = m.get(key);
  if (b) {
    b.n += n;
    b.min = Math.min(b.min, min);
    b.max = Math.max(b.max, max);
  } else m.set(key, { key, n, min, max });
}

function bundler<V>(keyOf: (v: V) => [string, number]): Summarizer<V, Bundles> {
  return {
    cache: new WeakMap(),
    partial: new WeakMap(),
    empty: () => new Map(),
    add: (s, v) => {
      const [key, pfn] = keyOf(v);
      addBundle(s, key, pfn, 1, pfn);
    },
    merge: (into, from) => {
      for (const b of from.values()) addBundle(into, b.key, b.min, b.n, b.max);
    },
  };
}

export function pteBundleKey(pte: Pte, ramPages: number): string {
  const w = pte.kind === 'hwpoison' ? '-' : pte.write ? 'W' : 'R';
  const kind = pte.kind === 'present' && pte.zero ? 'zero' : pte.kind;
  return `${kind}:${w}:${pte.pfn < ramPages ? 'ram' : 'dev'}`;
}

/** One PTE summarizer per RAM size (the key says which side of RAM's end a pfn lies). */
const pteZ = new Map<number, Summarizer<Pte, Bundles>>();

/** PTEs of [from, to) but those at `skip` (ascending), grouped by how they draw, with their pfn range. */
export function pteBundles(
  t: Table<Pte> | undefined,
  from: number,
  to: number,
  ramPages: number,
  skip: readonly number[] = [],
) {
  let z = pteZ.get(ramPages);
  if (!z) {
    z = bundler((p: Pte) => [pteBundleKey(p, ramPages), p.pfn]);
    pteZ.set(ramPages, z);
  }
  return queryExcept(z, t, from, to, skip);
}

type MirrorValue = { readonly pfn: Pfn; readonly perm: MirrorPerm };
const mirrorZ = bundler((e: MirrorValue) => [`mirror:${e.perm}`, e.pfn]);

/** Mirror entries of [from, to) but those at `skip` (ascending), grouped by permission. */
export function mirrorBundles(
  t: Table<MirrorValue> | undefined,
  from: number,
  to: number,
  skip: readonly number[] = [],
) {
  return queryExcept(mirrorZ, t, from, to, skip);
}

export interface PageStats {
  /** Stored (non-idle) pages. */
  n: number;
  /** Pages whose refcount no PTE, pin, page cache or lock explains, ascending by pfn. */
  leaks: Page[];
}

const pageZ = new Map<(p: Page) => number, Summarizer<Page, PageStats>>();

/**
 * Stored (non-idle) pages of [from, to) and those whose refcount no PTE, pin, page cache or lock
 * explains (unexplainedRefs in describe.ts, computed here from the page alone so it can be cached).
 */
export function pageStats(
  t: Table<Page>,
  from: number,
  to: number,
  unexplained: (p: Page) => number,
): PageStats {
  let z = pageZ.get(unexplained);
  if (!z) {
    z = {
      cache: new WeakMap(),
      partial: new WeakMap(),
      empty: () => ({ n: 0, leaks: [] }),
      add: (s, p) => {
        s.n += 1;
        if (unexplained(p) > 0) s.leaks.push(p);
      },
      merge: (into, from2) => {
        into.n += from2.n;
        for (const p of from2.leaks) into.leaks.push(p);
      },
    };
    pageZ.set(unexplained, z);
  }
  return query(z, t, from, to);
}
