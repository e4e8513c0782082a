/**
 * Sparse three-level radix tables, the shape of a page table: root → group (GROUP_LEAVES leaves)
 * → leaf (LEAF_SIZE entries). Under immer a write copies one leaf, one group and the root, each of
 * bounded size, so a step costs what it changes rather than what the table holds (measured in
 * bench/model.bench.ts and docs/adr/0002).
 */
import type { Table } from './types';
import { TABLE_SHIFT } from './types';

/** Entries per leaf. */
export const LEAF_SIZE = 2 ** TABLE_SHIFT;
/** Leaves per group: a group spans GROUP_LEAVES × LEAF_SIZE keys. */
export const GROUP_LEAVES = 128;

const leafOf = (key: number): number => Math.floor(key / LEAF_SIZE);
const groupOf = (leaf: number): number => Math.floor(leaf / GROUP_LEAVES);

type Leaf<V> = Record<number, V>;

function leafAt<V>(t: Table<V>, leaf: number): Leaf<V> | undefined {
  return t[groupOf(leaf)]?.[leaf];
}

export function tableGet<V>(t: Table<V>, key: number): V | undefined {
  return leafAt(t, leafOf(key))?.[key];
}

export function tableSet<V>(t: Table<V>, key: number, value: V): void {
  const leaf = leafOf(key);
  const g = groupOf(leaf);
  const group = t[g] ?? (t[g] = {});
  const l = group[leaf];
  if (l) l[key] = value;
  else group[leaf] = { [key]: value };
}

/* eslint-disable @typescript-eslint/no-dynamic-delete -- sparse tables: absence means "none" */
export function tableDelete<V>(t: Table<V>, key: number): void {
  const leaf = leafOf(key);
  const g = groupOf(leaf);
  const group = t[g];
  const l = group?.[leaf];
  if (!group || !l || !(key in l)) return;
  delete l[key];
  if (Object.keys(l).length > 0) return;
  delete group[leaf];
  if (Object.keys(group).length === 0) delete t[g];
}
/* eslint-enable @typescript-eslint/no-dynamic-delete */

const sortedKeys = (o: object): number[] =>
  Object.keys(o)
    .map(Number)
    .sort((a, b) => a - b);

/**
 * The leaves that exist and overlap [from, to), ascending, as [leaf index, leaf]. A short range
 * walks its own indices; a long one visits only groups and leaves that exist.
 */
export function tableLeaves<V>(t: Table<V>, from: number, to: number): [number, Leaf<V>][] {
  const first = leafOf(from);
  const last = leafOf(to - 1);
  const out: [number, Leaf<V>][] = [];
  if (last < first) return out;
  if (last - first <= 64) {
    for (let i = first; i <= last; i++) {
      const l = leafAt(t, i);
      if (l) out.push([i, l]);
    }
    return out;
  }
  for (const g of sortedKeys(t)) {
    if (g < groupOf(first) || g > groupOf(last)) continue;
    const group = t[g];
    if (!group) continue;
    for (const i of sortedKeys(group)) {
      const l = group[i];
      if (l && i >= first && i <= last) out.push([i, l]);
    }
  }
  return out;
}

/** Entries with from <= key < to, in key order. */
export function tableRange<V>(t: Table<V>, from: number, to: number): [number, V][] {
  const out: [number, V][] = [];
  for (const [, l] of tableLeaves(t, from, to)) {
    for (const k of sortedKeys(l)) if (k >= from && k < to) out.push([k, l[k] as V]);
  }
  return out;
}

/** Every entry, in key order. */
export function tableEntries<V>(t: Table<V>): [number, V][] {
  return tableRange(t, 0, Number.MAX_SAFE_INTEGER);
}

export function tableSize<V>(t: Table<V>): number {
  let n = 0;
  for (const group of Object.values(t))
    for (const l of Object.values(group)) n += Object.keys(l).length;
  return n;
}
