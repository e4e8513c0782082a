/**
 * Sparse radix tables, the shape of a page table (and of the kernel's radix_tree): fixed-size
 * nodes of LEAF_SIZE slots, a root whose height grows with the largest key, leaves holding the
 * values. A write copies one node per level, each of bounded size, so a step costs what it
 * changes rather than what the table holds: no object grows without bound and no node is a
 * dictionary (V8's dictionary-mode objects made every copy of the old root cost its key count;
 * measured in bench/model.bench.ts and docs/adr/0002).
 *
 * The nodes are never immer drafts (issue 12, immer's performance guide: no reads through drafts
 * on hot paths). A step reads them as they are and copies the path it writes itself: the nodes
 * it copied or made are its own (`owned`) and are written in place until the step ends, when
 * they are frozen (so immer's finalize stops at them instead of walking every sibling) and a
 * copy that ended equal to the node it copied is dropped for the original (a step that only
 * looked at a page leaves its table untouched, as immer did for an unmodified draft).
 * Tables whose values immer must draft (the processes) use the `drafted*` functions instead.
 */
import { isDraft } from 'immer';
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

/** Bits of a key per level; keys below 2^32 take their slots by shifts (no float division). */
const BITS = TABLE_SHIFT;
const slot = (key: number, level: number): number =>
  key < 0x100000000
    ? BITS * level < 32
      ? (key >>> (BITS * level)) & (LEAF_SIZE - 1)
      : 0
    : Math.floor(key / (SPAN[level] as number)) % LEAF_SIZE;

/** Keys covered by a table of `height` levels. */
const capacity = (height: number): number => (SPAN[height] ?? Infinity) * (height > 0 ? 1 : 0);

const newNode = <V>(): TableNode<V> =>
  new Array<V | TableNode<V> | undefined>(LEAF_SIZE).fill(undefined);

export function emptyTable<V>(): Table<V> {
  return { height: 0, root: null };
}

/** Keys covered by one node at `level` (0 = leaf). */
export const nodeSpan = (level: number): number => (SPAN[level] as number) * LEAF_SIZE;

/** Nodes the running step copied or made, each with the node it copies (undefined: new). */
let owned: Map<object, object | undefined> | null = null;
/** Tables (or their drafts) whose root the running step replaced. */
let rerooted: Set<Table<unknown>> | null = null;
/** Values the running step stored, frozen at its end in test mode (see noteWritten). */
let written: unknown[] | null = null;
/** The roots of the drafted tables the running step has read: a draft's descriptor costs a trap. */
let roots: Map<Table<unknown>, TableNode<unknown> | null> | null = null;
let heights: Map<Table<unknown>, number> | null = null;

/**
 * Start a step's ownership of the table nodes it copies. `freezeValues`: also deep-freeze the
 * values it stores (unit tests: a finished state throws when mutated, as immer's auto-freeze did).
 */
export function beginTableStep(freezeValues: boolean): void {
  forgetLeaves();
  caching = true;
  owned = new Map();
  rerooted = new Set();
  written = freezeValues ? [] : null;
  roots = new Map();
  heights = new Map();
}

/**
 * End the step: give back the original of every copied node that ended equal to it, freeze
 * what the step made, and forget it. Runs inside the produce, before immer finalizes.
 */
export function endTableStep(): void {
  const mine = owned;
  if (mine && rerooted) {
    for (const t of rerooted) {
      const r = rootOf(t);
      if (!r) continue;
      const settled = settle(mine, r, t.height - 1);
      if (settled !== r) t.root = settled;
    }
    for (const n of mine.keys()) Object.freeze(n);
    if (written) for (const v of written) deepFreeze(v);
  }
  abandonTableStep();
}

/** Forget the running step's ownership without settling (a step that threw). */
export function abandonTableStep(): void {
  forgetLeaves();
  caching = false;
  owned = null;
  rerooted = null;
  written = null;
  roots = null;
  heights = null;
}

/** Record a value the step stores (test mode freezes it at the step's end). */
export function noteWritten(v: unknown): void {
  written?.push(v);
}

function deepFreeze(v: unknown): void {
  if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return;
  Object.freeze(v);
  for (const c of Object.values(v)) deepFreeze(c);
}

/** The node itself, or the original it copies if it ended equal to it (children first). */
function settle(mine: Map<object, object | undefined>, n: TableNode<unknown>, level: number) {
  if (!mine.has(n)) return n;
  if (level > 0) {
    for (let i = 0; i < LEAF_SIZE; i++) {
      const c = n[i] as TableNode<unknown> | undefined;
      if (c === undefined) continue;
      const s = settle(mine, c, level - 1);
      if (s !== c) n[i] = s;
    }
  }
  const orig = mine.get(n) as TableNode<unknown> | undefined;
  if (!orig) return n;
  for (let i = 0; i < LEAF_SIZE; i++) if (n[i] !== orig[i]) return n;
  return orig;
}

/**
 * The root as stored, never as an immer draft: a Table reached through a draft (a process's PTEs)
 * is itself a draft, and reading `root` through it would make a proxy of every node on the path.
 * The draft's own-property descriptor gives the latest value without one.
 */
function rootOf<V>(t: Table<V>): TableNode<V> | null {
  const known = roots?.get(t);
  if (known !== undefined) return known as TableNode<V> | null;
  if (!isDraft(t)) return t.root;
  const r = (Object.getOwnPropertyDescriptor(t, 'root')?.value ?? null) as TableNode<V> | null;
  roots?.set(t, r);
  return r;
}

/** The height, as rootOf reads the root: a drafted table's is read through the trap once a step. */
function heightOf(t: Table<unknown>): number {
  if (!heights) return t.height;
  let h = heights.get(t);
  if (h === undefined) {
    h = t.height;
    heights.set(t, h);
  }
  return h;
}

/** A node the step may write: its own, or a copy of a shared one (the caller links it in). */
function writable<V>(n: TableNode<V>, inPlace: boolean): TableNode<V> {
  if (inPlace || owned?.has(n)) return n;
  const c = n.slice();
  owned?.set(c, n);
  return c;
}

function made<V>(): TableNode<V> {
  const n = newNode<V>();
  owned?.set(n, undefined);
  return n;
}

/** Outside a step a plain table (a fixture being built) is written in place; a draft never. */
const writesInPlace = (t: Table<unknown>): boolean => owned === null && !isDraft(t);

function setRoot<V>(t: Table<V>, root: TableNode<V> | null, height: number): void {
  if (heightOf(t) !== height) {
    t.height = height;
    heights?.set(t, height);
  }
  if (rootOf(t) !== root) {
    t.root = root;
    rerooted?.add(t);
    if (roots?.has(t)) roots.set(t, root);
  }
}

/**
 * The leaf each of the last few tables read was read from, by table and leaf index: a step reads
 * the same leaf again and again (a bulk fault reads each PTE and page several times, in runs of
 * 64 neighbours), and a walk from the root cost more than the rest of a lookup. tableSet and
 * tableDelete keep the entry of the table they write right (the leaf written is the leaf read
 * next); a step's start and end and any write through a draft (draftedSet) forget them all.
 */
const LEAF_CACHE = 4;
const cachedTable: (Table<unknown> | null)[] = new Array<Table<unknown> | null>(LEAF_CACHE).fill(
  null,
);
const cachedIndex: number[] = new Array<number>(LEAF_CACHE).fill(-1);
const cachedLeaf: (TableNode<unknown> | undefined)[] = new Array<TableNode<unknown> | undefined>(
  LEAF_CACHE,
).fill(undefined);
let cacheNext = 0;
/**
 * The cache is used only while a step runs and while its invariants are read (readingTables):
 * outside, it would keep the last tables read, and the whole state they belong to, alive.
 */
let caching = false;

/** Read tables with the leaf cache for the length of `read` (a step's invariant check). */
export function readingTables<T>(read: () => T): T {
  const was = caching;
  caching = true;
  try {
    return read();
  } finally {
    caching = was;
    if (!was) forgetLeaves();
  }
}

function forgetLeaves(): void {
  cachedTable.fill(null);
  cachedIndex.fill(-1);
  cachedLeaf.fill(undefined);
}

/** Remember the leaf of t at leaf index li (undefined: t has no leaf there). */
function rememberLeaf(t: Table<unknown>, li: number, leaf: TableNode<unknown> | undefined): void {
  if (!caching) return;
  let i = cachedTable.indexOf(t);
  if (i < 0) {
    i = cacheNext;
    cacheNext = (cacheNext + 1) % LEAF_CACHE;
    cachedTable[i] = t;
  }
  cachedIndex[i] = li;
  cachedLeaf[i] = leaf;
}

const leafIndex = (key: number): number =>
  key < 0x100000000 ? key >>> BITS : Math.floor(key / LEAF_SIZE);

function leafAt<V>(t: Table<V> | undefined, key: number): TableNode<V> | undefined {
  if (!t || key < 0) return undefined;
  if (!caching) return walkToLeaf(t, key);
  const li = leafIndex(key);
  for (let i = 0; i < LEAF_CACHE; i++)
    if (cachedTable[i] === t && cachedIndex[i] === li) return cachedLeaf[i] as TableNode<V>;
  const leaf = walkToLeaf(t, key);
  rememberLeaf(t, li, leaf);
  return leaf;
}

function walkToLeaf<V>(t: Table<V>, key: number): TableNode<V> | undefined {
  let n: TableNode<V> | undefined | null = rootOf(t);
  if (!n) return undefined;
  // A table with a root has height ≥ 1; a taller root is one node wider per level.
  const height = heightOf(t);
  if (key >= capacity(height)) return undefined;
  for (let l = height - 1; l > 0 && n; l--) n = n[slot(key, l)] as TableNode<V> | undefined;
  return n ?? undefined;
}

/** The entry at key; a missing table (a process or mirror that does not exist) has none. */
export function tableGet<V>(t: Table<V> | undefined, key: number): V | undefined {
  return leafAt(t, key)?.[key % LEAF_SIZE] as V | undefined;
}

export function tableSet<V>(t: Table<V>, key: number, value: V): void {
  if (!Number.isSafeInteger(key) || key < 0) throw new RangeError(`table key ${key}`);
  const inPlace = writesInPlace(t);
  let height = heightOf(t);
  let root = rootOf(t);
  while (key >= capacity(height)) {
    // radix_tree_extend: the old root becomes slot 0 of a new, taller root.
    if (height >= MAX_HEIGHT) throw new RangeError(`table key ${key}`);
    if (root) {
      const up = made<V>();
      up[0] = root;
      root = up;
    }
    height += 1;
  }
  root = root ? writable(root, inPlace) : made<V>();
  let n = root;
  for (let l = height - 1; l > 0; l--) {
    const i = slot(key, l);
    const child = n[i] as TableNode<V> | undefined;
    const c = child ? writable(child, inPlace) : made<V>();
    if (c !== child) n[i] = c;
    n = c;
  }
  n[key % LEAF_SIZE] = value;
  written?.push(value);
  setRoot(t, root, height);
  rememberLeaf(t, leafIndex(key), n);
}

const isEmpty = (n: readonly unknown[]): boolean => n.every((x) => x === undefined);

export function tableDelete<V>(t: Table<V>, key: number): void {
  const height = heightOf(t);
  const top = rootOf(t);
  if (key < 0 || key >= capacity(height) || !top) return;
  if (tableGet(t, key) === undefined) return;
  const inPlace = writesInPlace(t);
  // The path from the root (copied where shared), so emptied nodes can be unhooked bottom-up.
  const root = writable(top, inPlace);
  const path: TableNode<V>[] = [root];
  for (let l = height - 1; l > 0; l--) {
    const parent = path[path.length - 1] as TableNode<V>;
    const i = slot(key, l);
    const c = writable(parent[i] as TableNode<V>, inPlace);
    if (c !== parent[i]) parent[i] = c;
    path.push(c);
  }
  (path[path.length - 1] as TableNode<V>)[key % LEAF_SIZE] = undefined;
  for (let d = path.length - 1; d > 0; d--) {
    if (!isEmpty(path[d] as TableNode<V>)) break;
    (path[d - 1] as TableNode<V>)[slot(key, height - d)] = undefined;
  }
  if (isEmpty(root)) setRoot(t, null, 0);
  else setRoot(t, root, height);
  // Emptied nodes were unhooked: this table's leaves are walked again.
  forgetLeaves();
}

/**
 * The entry at key of a table whose values immer drafts (the processes: a step mutates them in
 * place), read through the draft so that the value returned is the draft.
 */
export function draftedGet<V>(t: Table<V>, key: number): V | undefined {
  if (key < 0 || key >= capacity(t.height) || !t.root) return undefined;
  let n: TableNode<V> | undefined = t.root;
  for (let l = t.height - 1; l > 0 && n; l--) n = n[slot(key, l)] as TableNode<V> | undefined;
  return n?.[key % LEAF_SIZE] as V | undefined;
}

/** Store a value in a table whose values immer drafts, writing through the draft. */
export function draftedSet<V>(t: Table<V>, key: number, value: V): void {
  if (!Number.isSafeInteger(key) || key < 0) throw new RangeError(`table key ${key}`);
  forgetLeaves();
  while (key >= capacity(t.height)) {
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
      const m = newNode<V>();
      n[i] = m;
      n = m;
    }
  }
  n[key % LEAF_SIZE] = value;
}

/** Every entry of a table whose values immer drafts, in key order, read through the draft. */
export function draftedEntries<V>(t: Table<V>): [number, V][] {
  const out: [number, V][] = [];
  const walk = (n: TableNode<V>, level: number, base: number): void => {
    const span = SPAN[level] as number;
    for (let i = 0; i < LEAF_SIZE; i++) {
      const c = n[i];
      if (c === undefined) continue;
      if (level === 0) out.push([base + i, c as V]);
      else walk(c as TableNode<V>, level - 1, base + i * span);
    }
  };
  if (t.root) walk(t.root, t.height - 1, 0);
  return out;
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
  const root = rootOf(t);
  if (!root || to <= from) return;
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
  walk(root, t.height - 1, 0);
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
  const root = rootOf(t);
  return root ? { node: root, level: t.height - 1 } : null;
}

/** A new table holding these entries (fixtures and tests; the model builds its own in place). */
export function tableOf<V>(entries: Iterable<readonly [number, V]>): Table<V> {
  const t = emptyTable<V>();
  for (const [key, value] of entries) tableSet(t, key, value);
  return t;
}
