/**
 * Sparse two-level tables (leaf = key >> TABLE_SHIFT), the shape of a page table or a radix tree.
 * Under immer a write copies one leaf and the small root, so a step costs what it changes.
 */
import type { Table } from './types';
import { TABLE_SHIFT } from './types';

const leafOf = (key: number): number => Math.floor(key / 2 ** TABLE_SHIFT);

export function tableGet<V>(t: Table<V>, key: number): V | undefined {
  return t[leafOf(key)]?.[key];
}

export function tableSet<V>(t: Table<V>, key: number, value: V): void {
  const leaf = leafOf(key);
  const l = t[leaf];
  if (l) l[key] = value;
  else t[leaf] = { [key]: value };
}

export function tableDelete<V>(t: Table<V>, key: number): void {
  const leaf = leafOf(key);
  const l = t[leaf];
  if (!l || !(key in l)) return;
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- sparse table: absence means "none"
  delete l[key];
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
  if (Object.keys(l).length === 0) delete t[leaf];
}

/** Entries with from <= key < to, in key order. Visits only leaves that overlap the range. */
export function tableRange<V>(t: Table<V>, from: number, to: number): [number, V][] {
  const out: [number, V][] = [];
  const leaves = Object.keys(t)
    .map(Number)
    .filter((leaf) => leaf >= leafOf(from) && leaf <= leafOf(to - 1))
    .sort((a, b) => a - b);
  for (const leaf of leaves) {
    const l = t[leaf];
    if (!l) continue;
    const keys = Object.keys(l)
      .map(Number)
      .filter((k) => k >= from && k < to)
      .sort((a, b) => a - b);
    for (const k of keys) out.push([k, l[k] as V]);
  }
  return out;
}

/** Every entry, in key order. */
export function tableEntries<V>(t: Table<V>): [number, V][] {
  return tableRange(t, 0, Number.MAX_SAFE_INTEGER);
}

export function tableSize<V>(t: Table<V>): number {
  let n = 0;
  for (const leaf of Object.values(t)) n += Object.keys(leaf).length;
  return n;
}
