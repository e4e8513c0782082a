/**
 * Windows over the sparse three-level tables (root → group → leaf) in key order: count, skip and
 * take without building the whole list. Entry counts and sorted keys are cached by group and leaf
 * identity (the tables are structurally shared), so a step costs the groups it changed plus one
 * pass over the root's few group keys, not the entries in the range.
 */
import { GROUP_LEAVES, LEAF_SIZE } from '../../model/table';
import type { Table } from '../../model/types';

type Leaf<V> = Readonly<Record<number, V>>;
type Group<V> = Readonly<Record<number, Leaf<V>>>;

const GROUP_KEYS = GROUP_LEAVES * LEAF_SIZE;
const leafCounts = new WeakMap<object, number>();
const groupCounts = new WeakMap<object, number>();
const sorted = new WeakMap<object, readonly number[]>();

/** An object's numeric keys, ascending, cached by identity. */
function sortedKeys(o: object): readonly number[] {
  let keys = sorted.get(o);
  if (keys === undefined) {
    keys = Object.keys(o)
      .map(Number)
      .sort((a, b) => a - b);
    sorted.set(o, keys);
  }
  return keys;
}

function leafCount(leaf: object): number {
  let n = leafCounts.get(leaf);
  if (n === undefined) {
    n = Object.keys(leaf).length;
    leafCounts.set(leaf, n);
  }
  return n;
}

function groupCount<V>(group: Group<V>): number {
  let n = groupCounts.get(group);
  if (n === undefined) {
    n = 0;
    for (const k in group) n += leafCount(group[k as unknown as number] ?? {});
    groupCounts.set(group, n);
  }
  return n;
}

/** [first, last] indices of the groups / leaves that overlap [from, to). */
const span = (from: number, to: number, size: number): [number, number] => [
  Math.floor(from / size),
  Math.floor((to - 1) / size),
];

/**
 * Visit the table's pieces that overlap [from, to) in key order: whole groups and whole leaves
 * (with their cached counts) or single entries of a leaf cut by the range. `visit` returns false to
 * stop.
 */
function walk<V>(
  t: Table<V>,
  from: number,
  to: number,
  visit: (
    piece:
      | { kind: 'group'; count: number; group: Group<V> }
      | { kind: 'leaf'; count: number; leaf: Leaf<V> }
      | { kind: 'entry'; key: number; value: V },
  ) => boolean,
): void {
  if (to <= from) return;
  const [g0, g1] = span(from, to, GROUP_KEYS);
  for (const g of sortedKeys(t)) {
    if (g < g0) continue;
    if (g > g1) return;
    const group = t[g];
    if (!group) continue;
    if (g * GROUP_KEYS >= from && (g + 1) * GROUP_KEYS <= to) {
      if (!visit({ kind: 'group', count: groupCount(group), group })) return;
      continue;
    }
    const [l0, l1] = span(from, to, LEAF_SIZE);
    for (const li of sortedKeys(group)) {
      if (li < l0) continue;
      if (li > l1) break;
      const leaf = group[li];
      if (!leaf) continue;
      if (li * LEAF_SIZE >= from && (li + 1) * LEAF_SIZE <= to) {
        if (!visit({ kind: 'leaf', count: leafCount(leaf), leaf })) return;
        continue;
      }
      for (const k of sortedKeys(leaf)) {
        if (k < from) continue;
        if (k >= to) break;
        if (!visit({ kind: 'entry', key: k, value: leaf[k] as V })) return;
      }
    }
  }
}

/** Number of entries with from <= key < to. */
export function countIn<V>(t: Table<V>, from: number, to: number): number {
  let n = 0;
  walk(t, from, to, (p) => {
    n += p.kind === 'entry' ? 1 : p.count;
    return true;
  });
  return n;
}

/** Entries from <= key < to in key order, skipping the first `skip`, at most `limit`. */
export function sliceIn<V>(
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
  const takeLeaf = (leaf: Leaf<V>): boolean => {
    for (const k of sortedKeys(leaf)) if (!take(k, leaf[k] as V)) return false;
    return true;
  };
  walk(t, from, to, (p) => {
    if (p.kind === 'entry') return take(p.key, p.value);
    if (toSkip >= p.count) {
      toSkip -= p.count;
      return true;
    }
    if (p.kind === 'leaf') return takeLeaf(p.leaf);
    for (const li of sortedKeys(p.group)) {
      const leaf = p.group[li];
      if (!leaf) continue;
      const n = leafCount(leaf);
      if (toSkip >= n) {
        toSkip -= n;
        continue;
      }
      if (!takeLeaf(leaf)) return false;
    }
    return true;
  });
  return out;
}

/** Index (in key order, from 0) of `key` among the entries in [from, to), or -1 if absent. */
export function indexIn<V>(t: Table<V>, from: number, to: number, key: number): number {
  if (key < from || key >= to) return -1;
  const g = t[Math.floor(key / GROUP_KEYS)];
  const leaf = g?.[Math.floor(key / LEAF_SIZE)];
  if (!leaf || !(key in leaf)) return -1;
  return countIn(t, from, key);
}
