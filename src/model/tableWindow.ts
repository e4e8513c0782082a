/**
 * Windows over the sparse radix tables (table.ts) in key order: count, skip and take without
 * building the whole list. Entry counts are cached by node identity (the tables are structurally
 * shared), so a step costs the nodes it changed on one root-to-leaf path, not the entries in the
 * range.
 */
import { LEAF_SIZE, nodeSpan, tableGet, tableRoot } from './table';
import type { Table, TableNode } from './types';

const counts = new WeakMap<object, number>();

/** Entries under a node at `level` (0 = leaf), cached by identity. */
function nodeCount<V>(n: TableNode<V>, level: number): number {
  let c = counts.get(n);
  if (c === undefined) {
    c = 0;
    for (const x of n) {
      if (x === undefined) continue;
      c += level === 0 ? 1 : nodeCount(x as TableNode<V>, level - 1);
    }
    counts.set(n, c);
  }
  return c;
}

type Piece<V> =
  | { kind: 'node'; count: number; node: TableNode<V>; level: number; base: number }
  | { kind: 'entry'; key: number; value: V };

/**
 * Visit the table's pieces that overlap [from, to) in key order: whole nodes (with their cached
 * counts) or single entries of a leaf cut by the range. `visit` returns false to stop.
 */
function walk<V>(t: Table<V>, from: number, to: number, visit: (p: Piece<V>) => boolean): void {
  const r = tableRoot(t);
  if (!r || to <= from) return;
  const go = (n: TableNode<V>, level: number, base: number): boolean => {
    const span = nodeSpan(level) / LEAF_SIZE;
    for (let i = 0; i < LEAF_SIZE; i++) {
      const x = n[i];
      const lo = base + i * span;
      if (x === undefined || lo + span <= from) continue;
      if (lo >= to) return true;
      if (level === 0) {
        if (!visit({ kind: 'entry', key: lo, value: x as V })) return false;
      } else if (lo >= from && lo + span <= to) {
        const node = x as TableNode<V>;
        const count = nodeCount(node, level - 1);
        if (!visit({ kind: 'node', count, node, level: level - 1, base: lo })) return false;
      } else if (!go(x as TableNode<V>, level - 1, lo)) return false;
    }
    return true;
  };
  go(r.node, r.level, 0);
}

/** Number of entries with from <= key < to. */
export function tableCount<V>(t: Table<V>, from: number, to: number): number {
  let n = 0;
  walk(t, from, to, (p) => {
    n += p.kind === 'entry' ? 1 : p.count;
    return true;
  });
  return n;
}

/** Entries from <= key < to in key order, skipping the first `skip`, at most `limit`. */
export function tableSlice<V>(
  t: Table<V>,
  from: number,
  to: number,
  skip: number,
  limit: number,
): [number, V][] {
  const out: [number, V][] = [];
  if (limit <= 0) return out;
  let toSkip = skip;
  const take = (key: number, value: V): boolean => {
    if (toSkip > 0) toSkip -= 1;
    else out.push([key, value]);
    return out.length < limit;
  };
  /** Take a whole node's entries in key order, skipping nodes the skip covers. */
  const takeNode = (n: TableNode<V>, level: number, base: number): boolean => {
    const span = nodeSpan(level) / LEAF_SIZE;
    for (let i = 0; i < LEAF_SIZE; i++) {
      const x = n[i];
      if (x === undefined) continue;
      if (level === 0) {
        if (!take(base + i, x as V)) return false;
        continue;
      }
      const c = nodeCount(x as TableNode<V>, level - 1);
      if (toSkip >= c) {
        toSkip -= c;
        continue;
      }
      if (!takeNode(x as TableNode<V>, level - 1, base + i * span)) return false;
    }
    return true;
  };
  walk(t, from, to, (p) => {
    if (p.kind === 'entry') return take(p.key, p.value);
    if (toSkip >= p.count) {
      toSkip -= p.count;
      return true;
    }
    return takeNode(p.node, p.level, p.base);
  });
  return out;
}

/** Index (in key order, from 0) of `key` among the entries in [from, to), or -1 if absent. */
export function tableIndexOf<V>(t: Table<V>, from: number, to: number, key: number): number {
  if (key < from || key >= to || tableGet(t, key) === undefined) return -1;
  return tableCount(t, from, key);
}
