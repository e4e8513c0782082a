/**
 * Windows over the sparse two-level tables in key order: count, skip and take without building
 * the whole list. Leaf sizes are cached by leaf identity, so a step costs the leaves it changed.
 */
import { TABLE_SHIFT } from '../../model/types';
import type { Table } from '../../model/types';
import { tableLeaves } from '../../model/table';

const LEAF = 2 ** TABLE_SHIFT;
const counts = new WeakMap<object, number>();

function leafCount(leaf: object): number {
  let n = counts.get(leaf);
  if (n === undefined) {
    n = Object.keys(leaf).length;
    counts.set(leaf, n);
  }
  return n;
}

function keysIn(leaf: object, from: number, to: number): number[] {
  const out: number[] = [];
  for (const k in leaf) {
    const n = Number(k);
    if (n >= from && n < to) out.push(n);
  }
  return out.sort((a, b) => a - b);
}

/** Number of entries with from <= key < to. */
export function countIn<V>(t: Table<V>, from: number, to: number): number {
  let n = 0;
  for (const [li, leaf] of tableLeaves(t, from, to)) {
    const whole = li * LEAF >= from && (li + 1) * LEAF <= to;
    n += whole ? leafCount(leaf) : keysIn(leaf, from, to).length;
  }
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
  let toSkip = skip;
  for (const [li, leaf] of tableLeaves(t, from, to)) {
    if (out.length >= limit) break;
    const whole = li * LEAF >= from && (li + 1) * LEAF <= to;
    if (whole && toSkip >= leafCount(leaf)) {
      toSkip -= leafCount(leaf);
      continue;
    }
    for (const k of keysIn(leaf, from, to)) {
      if (toSkip > 0) {
        toSkip -= 1;
        continue;
      }
      if (out.length >= limit) break;
      out.push([k, leaf[k] as V]);
    }
  }
  return out;
}
