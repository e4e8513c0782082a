/**
 * Sparse radix tables, the shape of a page table (and of the kernel's radix_tree): fixed-size
 * nodes of LEAF_SIZE slots, a root whose height grows with the largest key, leaves holding the
 * values. Under immer a write copies one node per level, each of bounded size, so a step costs
 * what it changes rather than what the table holds: no object grows without bound and no node is
 * a dictionary (V8's dictionary-mode objects made every copy of the old root cost its key count;
 * measured in bench/model.bench.ts and docs/adr/0002).
 */
import type { Table, TableNode } from './types';
import { TABLE_SHIFT } from './types';

/** Slots per node (and entries per leaf). */
export const LEAF_SIZE = 2 ** TABLE_SHIFT;

/** A leaf: LEAF_SIZE slots, slot i holds key leafIndex × LEAF_SIZE + i. */
export type Leaf<V> = readonly (V | undefined)[];

/** SPAN[l]: keys covered by one slot of a node at level l (level 0 = leaf). */
const SPAN: readonly number[] = Array.from({ length: 10 }, (_, l) => LEAF_SIZE ** l);
/** Keys are at most 2^53: 9 levels of 6 bits. */
const MAX_HEIGHT = SPAN.length - 1;

const slot = (key: number, level: number): number =>
  Math.floor(key / (SPAN[level] as number)) % LEAF_SIZE;

/** Keys covered by a table of `height` levels. */
const capacity = (height: number): number => (SPAN[height] ?? Infinity) * (height > 0 ? 1 : 0);

const newNode = <V>(): TableNode<V> =>
  new Array<V | TableNode<V> | undefined>(LEAF_SIZE).fill(undefined);

export function emptyTable<V>(): Table<V> {
  return { height: 0, root: null };
}

/** Keys covered by one node at `level` (0 = leaf). */
export const nodeSpan = (level: number): number => (SPAN[level] as number) * LEAF_SIZE;

function leafAt<V>(t: Table<V> | undefined, key: number): TableNode<V> | undefined {
  if (!t || key < 0 || key >= capacity(t.height) || !t.root) return undefined;
  let n: TableNode<V> | undefined = t.root;
  for (let l = t.height - 1; l > 0 && n; l--) n = n[slot(key, l)] as TableNode<V> | undefined;
  return n;
}

/** The entry at key; a missing table (a process or mirror that does not exist) has none. */
export function tableGet<V>(t: Table<V> | undefined, key: number): V | undefined {
  return leafAt(t, key)?.[key % LEAF_SIZE] as V | undefined;
}

export function tableSet<V>(t: Table<V>, key: number, value: V): void {
  if (!Number.isSafeInteger(key) || key < 0) throw new RangeError(`table key ${key}`);
  while (key >= capacity(t.height)) {
    // radix_tree_extend: the old root becomes slot 0 of a new, taller root.
    if (t.height >= MAX_HEIGHT) throw new RangeError(`table key ${key}`);
    if (t.root) {
      const up = newNode<V>();
      up[0] = t.root;
      t.root = up;
    }
    t.height += 1;
  }
  t.root ??= newNode<V>();
  let n = t.root;
  for (let l = t.height - 1; l > 0; l--) {
    const i = slot(key, l);
    const child = n[i] as TableNode<V> | undefined;
    if (child) n = child;
    else {
      // A new node is a plain array even under immer: written in place, no draft.
      const made = newNode<V>();
      n[i] = made;
      n = made;
    }
  }
  n[key % LEAF_SIZE] = value;
}

const isEmpty = (n: readonly unknown[]): boolean => n.every((x) => x === undefined);

export function tableDelete<V>(t: Table<V>, key: number): void {
  if (key < 0 || key >= capacity(t.height) || !t.root) return;
  // The path from the root, so emptied nodes can be unhooked bottom-up.
  const path: TableNode<V>[] = [t.root];
  for (let l = t.height - 1; l > 0; l--) {
    const child = (path[path.length - 1] as TableNode<V>)[slot(key, l)] as TableNode<V> | undefined;
    if (!child) return;
    path.push(child);
  }
  const leaf = path[path.length - 1] as TableNode<V>;
  const i = key % LEAF_SIZE;
  if (leaf[i] === undefined) return;
  leaf[i] = undefined;
  for (let d = path.length - 1; d > 0; d--) {
    if (!isEmpty(path[d] as TableNode<V>)) return;
    (path[d - 1] as TableNode<V>)[slot(key, t.height - d)] = undefined;
  }
  if (isEmpty(t.root)) {
    t.root = null;
    t.height = 0;
  }
}

/**
 * Visit the leaves that exist and overlap [from, to), ascending, as (leaf index, leaf). Only
 * nodes that exist and overlap the range are entered: the cost follows what is stored there.
 */
export function forEachLeaf<V>(
  t: Table<V>,
  from: number,
  to: number,
  visit: (leafIndex: number, leaf: Leaf<V>) => void,
): void {
  if (!t.root || to <= from) return;
  const walk = (n: TableNode<V>, level: number, base: number): void => {
    const span = SPAN[level] as number;
    const i0 = Math.max(0, Math.floor((from - base) / span));
    const i1 = Math.min(LEAF_SIZE - 1, Math.floor((to - 1 - base) / span));
    if (level === 0) {
      visit(base / LEAF_SIZE, n as Leaf<V>);
      return;
    }
    for (let i = i0; i <= i1; i++) {
      const c = n[i] as TableNode<V> | undefined;
      if (c) walk(c, level - 1, base + i * span);
    }
  };
  walk(t.root, t.height - 1, 0);
}

/** The leaves that exist and overlap [from, to), ascending, as [leaf index, leaf]. */
export function tableLeaves<V>(t: Table<V>, from: number, to: number): [number, Leaf<V>][] {
  const out: [number, Leaf<V>][] = [];
  forEachLeaf(t, from, to, (i, l) => out.push([i, l]));
  return out;
}

/** Entries with from <= key < to, in key order. */
export function tableRange<V>(t: Table<V>, from: number, to: number): [number, V][] {
  const out: [number, V][] = [];
  forEachLeaf(t, from, to, (li, l) => {
    const base = li * LEAF_SIZE;
    const i0 = Math.max(0, from - base);
    const i1 = Math.min(LEAF_SIZE, to - base);
    for (let i = i0; i < i1; i++) {
      const v = l[i];
      if (v !== undefined) out.push([base + i, v]);
    }
  });
  return out;
}

/** Every entry, in key order. */
export function tableEntries<V>(t: Table<V>): [number, V][] {
  return tableRange(t, 0, Number.MAX_SAFE_INTEGER);
}

export function tableSize<V>(t: Table<V>): number {
  let n = 0;
  forEachLeaf(t, 0, Number.MAX_SAFE_INTEGER, (_, l) => {
    for (const v of l) if (v !== undefined) n += 1;
  });
  return n;
}

/** The root node and its level, for walkers that cache per node (views' table windows). */
export function tableRoot<V>(t: Table<V>): { node: TableNode<V>; level: number } | null {
  return t.root ? { node: t.root, level: t.height - 1 } : null;
}

/** A new table holding these entries (fixtures and tests; the model builds its own in place). */
export function tableOf<V>(entries: Iterable<readonly [number, V]>): Table<V> {
  const t = emptyTable<V>();
  for (const [key, value] of entries) tableSet(t, key, value);
  return t;
}
