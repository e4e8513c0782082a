/**
 * Link format v=2: the `c=` payload is compressed against a preset DEFLATE dictionary made of
 * entries of a frozen text table (dictionary/v2.ts: the built-in library's step notes and titles),
 * so a scenario whose steps carry the library's notes travels in a fraction of the characters
 * (issue 12: a 200-step scenario of built-in steps with their notes took 13,028 characters).
 *
 *   payload bytes = [n] [ref_1] … [ref_n] [raw DEFLATE of the JSON, with dictionary D]
 *
 * - n and each ref are unsigned LEB128 varints of at most 3 bytes; ref_i is the zigzag-coded
 *   difference between entry i's table index and (entry i-1's index + 1), so a run of
 *   consecutive entries costs one byte each.
 * - D is the entries' JSON string bodies (as JSON.stringify writes them inside quotes), joined by
 *   `","`, as UTF-8: the text the payload's JSON repeats. The encoder lists the entries in the
 *   order the JSON uses them, so each match stays within DEFLATE's 32 KiB window.
 * - D may not pass 32 KiB (DEFLATE's window) and n may not pass MAX_REFS: a reader refuses more.
 * The table only ever grows by a new version (v=3 with its own table); v=2's never changes.
 */
import { LINK_TABLE_V2 } from './dictionary/v2';

/** DEFLATE's window: a dictionary byte further back cannot be referred to. */
export const MAX_DICTIONARY_BYTES = 32_768;
/** More entries than fit in the window anyway (the shortest is 16 characters). */
export const MAX_REFS = 2048;

const TABLE = LINK_TABLE_V2;
const SEPARATOR = '","';
const utf8 = new TextEncoder();
/** An entry as it appears inside a JSON string literal. */
const body = (text: string): string => JSON.stringify(text).slice(1, -1);

let tableIndex: Map<string, number> | undefined;
const indexOf = (text: string): number | undefined =>
  (tableIndex ??= new Map(TABLE.map((t, i) => [t, i]))).get(text);

/**
 * The table entries a JSON value repeats, distinct, in the order JSON.stringify writes them, as
 * many as fit the window. The value is the encoder's own (a compact form or a document).
 */
export function tableRefs(value: unknown): number[] {
  const refs: number[] = [];
  const taken = new Set<number>();
  let bytes = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      const i = indexOf(v);
      if (i === undefined || taken.has(i)) continue;
      const size = utf8.encode(body(v)).length + (refs.length > 0 ? SEPARATOR.length : 0);
      if (bytes + size > MAX_DICTIONARY_BYTES || refs.length >= MAX_REFS) break;
      taken.add(i);
      refs.push(i);
      bytes += size;
    } else if (Array.isArray(v)) {
      for (let k = v.length - 1; k >= 0; k--) stack.push(v[k]);
    } else if (typeof v === 'object' && v !== null) {
      const values = Object.values(v);
      for (let k = values.length - 1; k >= 0; k--) stack.push(values[k]);
    }
  }
  return refs;
}

export function dictionaryOf(refs: readonly number[]): Uint8Array {
  return utf8.encode(refs.map((i) => body(TABLE[i] ?? '')).join(SEPARATOR));
}

function pushVarint(out: number[], n: number): void {
  let x = n;
  while (x >= 0x80) {
    out.push((x & 0x7f) | 0x80);
    x = Math.floor(x / 0x80);
  }
  out.push(x);
}

export function encodeRefs(refs: readonly number[]): Uint8Array {
  const out: number[] = [];
  pushVarint(out, refs.length);
  let next = 0;
  for (const i of refs) {
    const d = i - next;
    pushVarint(out, d >= 0 ? 2 * d : -2 * d - 1);
    next = i + 1;
  }
  return Uint8Array.from(out);
}

export type RefsResult =
  | { readonly ok: true; readonly dictionary: Uint8Array; readonly rest: Uint8Array }
  | { readonly ok: false; readonly problem: 'truncated' | 'corrupt' };

/** Reads the header of a v=2 payload (hostile input): its dictionary, and the DEFLATE data after. */
export function decodeRefs(bytes: Uint8Array): RefsResult {
  let at = 0;
  const varint = (): number | 'truncated' | 'corrupt' => {
    let x = 0;
    for (let k = 0; k < 3; k++) {
      if (at >= bytes.length) return 'truncated';
      const b = bytes[at++] ?? 0;
      x += (b & 0x7f) * 0x80 ** k;
      if ((b & 0x80) === 0) return x;
    }
    return 'corrupt';
  };
  const n = varint();
  if (typeof n !== 'number') return { ok: false, problem: n };
  if (n > MAX_REFS) return { ok: false, problem: 'corrupt' };
  const refs: number[] = [];
  let next = 0;
  for (let k = 0; k < n; k++) {
    const z = varint();
    if (typeof z !== 'number') return { ok: false, problem: z };
    const i = next + (z % 2 === 0 ? z / 2 : -(z + 1) / 2);
    if (!Number.isInteger(i) || i < 0 || i >= TABLE.length)
      return { ok: false, problem: 'corrupt' };
    refs.push(i);
    next = i + 1;
  }
  const dictionary = dictionaryOf(refs);
  if (dictionary.length > MAX_DICTIONARY_BYTES) return { ok: false, problem: 'corrupt' };
  return { ok: true, dictionary, rest: bytes.subarray(at) };
}
