/**
 * A short fingerprint of one frame (the kernel state, the step's result and its violations): two
 * people looking at the same link can compare eight hex digits. FNV-1a, not a security hash.
 *
 * Incremental: the state's radix tables (pages, processes, each process's PTEs, mirrors) are
 * structurally shared between steps, so each table node's hash is cached by identity and a step
 * rehashes only the nodes it copied, never every mapped page (issue 12: the whole-state walk took
 * 373 ms a step on a machine holding 65,536 pages). Tables nested in a table's entries (a
 * process's `ptes`) are hashed the same way: a leaf is its entries with their tables replaced by
 * the tables' hashes, so an mprotect of one page does not restringify every PTE of the process.
 *
 * On demand: the Share panel asks for a digest (frameDigestAsync), which hashes the nodes it has
 * not seen in slices of a few milliseconds, so even the first digest of a state holding 262,144
 * pages never blocks the main thread for long.
 */
import { tableRoot } from '../../model';
import type { Frame } from '../../store/model';
import { nextTask } from '../wire/nextTask';

export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

type Node = readonly unknown[];
type Table = Parameters<typeof tableRoot>[0];
const nodeHashes = new WeakMap<Node, string>();
/** Characters of table nodes hashed so far: tests read it to check a step rehashes what it copied. */
let hashedChars = 0;
export const hashedNodeChars = (): number => hashedChars;
const frameDigests = new WeakMap<Frame, string>();

const isTable = (v: unknown): v is Table =>
  typeof v === 'object' && v !== null && 'height' in v && 'root' in v;

/** Hash of a table node: its entries at a leaf (nested tables by their hash), children's above. */
function nodeHash(n: Node, level: number): string {
  let h = nodeHashes.get(n);
  if (h === undefined) {
    const text =
      level === 0
        ? JSON.stringify(n, tablesHashed)
        : n.map((c) => (c === undefined ? '' : nodeHash(c as Node, level - 1))).join(',');
    h = fnv1a(text);
    nodeHashes.set(n, h);
    hashedChars += text.length;
  }
  return h;
}

/** JSON.stringify replacer: a table is its root's hash (and height), not its entries. */
function tablesHashed(_key: string, value: unknown): unknown {
  if (!isTable(value)) return value;
  const r = tableRoot(value);
  return r ? `table:${r.level}:${nodeHash(r.node, r.level)}` : 'table:empty';
}

/** The digest of a frame, computed now (cheap when its tables' nodes were hashed before). */
export function frameDigest(frame: Frame): string {
  let d = frameDigests.get(frame);
  if (d === undefined) {
    d = fnv1a(
      JSON.stringify(
        { state: frame.state, result: frame.result, violations: frame.violations },
        tablesHashed,
      ),
    );
    frameDigests.set(frame, d);
  }
  return d;
}

/** The digest if it is known without work, else undefined. */
export function knownDigest(frame: Frame): string | undefined {
  return frameDigests.get(frame);
}

/** Tables inside a plain value (a table entry, the state), not looking inside the tables. */
function tablesIn(v: unknown, out: Table[]): void {
  if (typeof v !== 'object' || v === null) return;
  if (isTable(v)) out.push(v);
  else if (Array.isArray(v)) for (const x of v as unknown[]) tablesIn(x, out);
  else for (const x of Object.values(v)) tablesIn(x, out);
}

/** Hashes a table's unseen nodes bottom-up, one node per yield. */
function* warmTable(t: Table): Generator<void> {
  const r = tableRoot(t);
  if (r) yield* warmNode(r.node, r.level);
}

function* warmNode(n: Node, level: number): Generator<void> {
  if (nodeHashes.has(n)) return;
  if (level > 0) {
    for (const c of n) if (c !== undefined) yield* warmNode(c as Node, level - 1);
  } else {
    const nested: Table[] = [];
    tablesIn(n, nested);
    for (const t of nested) yield* warmTable(t);
  }
  nodeHash(n, level);
  yield;
}

/**
 * The digest of a frame, hashing the nodes no earlier digest has seen in slices of `sliceMs`
 * milliseconds with a task boundary between slices. Rejects with the signal's reason if aborted.
 */
export async function frameDigestAsync(
  frame: Frame,
  signal?: AbortSignal,
  sliceMs = 8,
): Promise<string> {
  const known = frameDigests.get(frame);
  if (known !== undefined) return known;
  const tables: Table[] = [];
  tablesIn(frame.state, tables);
  let until = performance.now() + sliceMs;
  for (const t of tables) {
    const work = warmTable(t);
    for (let r = work.next(); r.done !== true; r = work.next()) {
      if (performance.now() < until) continue;
      await nextTask();
      signal?.throwIfAborted();
      until = performance.now() + sliceMs;
    }
  }
  signal?.throwIfAborted();
  return frameDigest(frame);
}
