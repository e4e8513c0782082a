/**
 * A step's kernel events as readers take them: the array a step just made, or the packed events a
 * trace keeps for a heavy step (checkpoint.ts HEAVY_STEP_WORK), which make an event object only
 * for the event read. A 65,536-page write records 589,824 events. Kept as objects, the bench's
 * big machine held 1.33 million of them, with 3–5 million strings: 165–178 MB of the page's heap
 * after a collection, which every major collection marked and the memory reducer's compacting one
 * moved. Packed, a step's events are three typed arrays outside the JS heap and a small table of
 * the functions they ran: that page's heap after a collection is 26 MB, as with no kept events.
 */
import type { KernelEvent } from './ops';

/** What readers of a step's events use: an array has all of it. */
export interface KernelEvents extends Iterable<KernelEvent> {
  readonly length: number;
  /** Event i, or undefined out of range. A packed event is made anew at each call. */
  at(index: number): KernelEvent | undefined;
}

/** A kernel function and its source file: what an event is without its text and depth. */
export interface KernelCall {
  readonly fn: string;
  readonly file: string;
}

/** Depth bits of a packed head (event_log.ts allows depths below 2^12). */
const DEPTH_BITS = 12;
const DEPTH_MASK = (1 << DEPTH_BITS) - 1;

/** The packed form, structured-cloneable: what the trace worker sends the page. */
export interface PackedEventsData {
  /** The distinct (function, file) pairs, in order of first call. */
  readonly calls: readonly KernelCall[];
  /** Per event: its pair's index above DEPTH_BITS, its depth below. */
  readonly heads: Int32Array;
  /** Per event: the byte offset in `bytes` where its text ends (it starts where the last ended). */
  readonly ends: Uint32Array;
  /** Every text, UTF-8, one after another. */
  readonly bytes: Uint8Array;
}

const decoder = new TextDecoder();

/** A heavy step's kept events: read one at a time, never all made at once. */
export class PackedEvents implements KernelEvents {
  constructor(readonly data: PackedEventsData) {}

  get length(): number {
    return this.data.heads.length;
  }

  /** The function and file of event i (a shared object: nothing is made). */
  callAt(i: number): KernelCall | undefined {
    const h = this.data.heads[i];
    return h === undefined ? undefined : this.data.calls[h >>> DEPTH_BITS];
  }

  depthAt(i: number): number {
    return (this.data.heads[i] ?? 0) & DEPTH_MASK;
  }

  textAt(i: number): string {
    const { ends, bytes } = this.data;
    const end = ends[i];
    if (end === undefined) return '';
    return decoder.decode(bytes.subarray(i === 0 ? 0 : ends[i - 1], end));
  }

  at(index: number): KernelEvent | undefined {
    const i = index < 0 ? index + this.length : index;
    const call = this.callAt(i);
    if (!call) return undefined;
    return { fn: call.fn, file: call.file, text: this.textAt(i), depth: this.depthAt(i) };
  }

  *[Symbol.iterator](): Iterator<KernelEvent> {
    for (let i = 0; i < this.length; i++) yield this.at(i) as KernelEvent;
  }
}

/** Pack a step's events (the trace does it once per heavy step, where it keeps them). */
export function packEvents(events: KernelEvents): PackedEvents {
  if (events instanceof PackedEvents) return events;
  const n = events.length;
  const heads = new Int32Array(n);
  const ends = new Uint32Array(n);
  const calls: KernelCall[] = [];
  const pairIds = new Map<string, Map<string, number>>();
  const encoder = new TextEncoder();
  let bytes = new Uint8Array(Math.max(256, n * 48));
  let at = 0;
  for (let i = 0; i < n; i++) {
    const e = events.at(i) as KernelEvent;
    let byFile = pairIds.get(e.fn);
    if (!byFile) pairIds.set(e.fn, (byFile = new Map<string, number>()));
    let pair = byFile.get(e.file);
    if (pair === undefined) {
      pair = calls.length;
      byFile.set(e.file, pair);
      calls.push(Object.freeze({ fn: e.fn, file: e.file }));
    }
    if (e.depth < 0 || e.depth > DEPTH_MASK) throw new RangeError(`event depth ${e.depth}`);
    heads[i] = (pair << DEPTH_BITS) | e.depth;
    // A UTF-16 unit is at most 3 bytes of UTF-8.
    if (bytes.length - at < e.text.length * 3) {
      const grown = new Uint8Array(Math.max(bytes.length * 2, at + e.text.length * 3));
      grown.set(bytes.subarray(0, at));
      bytes = grown;
    }
    at += encoder.encodeInto(e.text, bytes.subarray(at)).written;
    ends[i] = at;
  }
  return new PackedEvents({ calls, heads, ends, bytes: bytes.slice(0, at) });
}

/** The function and file of event i of any events, without making its text. */
export function callAt(events: KernelEvents, i: number): KernelCall | undefined {
  return events instanceof PackedEvents ? events.callAt(i) : events.at(i);
}

/** The depth of event i of any events (0 out of range). */
export function depthAt(events: KernelEvents, i: number): number {
  return events instanceof PackedEvents ? events.depthAt(i) : (events.at(i)?.depth ?? 0);
}

/** The events as an array (a copy only when packed: for small steps, tests and exports). */
export function eventArray(events: KernelEvents): readonly KernelEvent[] {
  return Array.isArray(events) ? (events as readonly KernelEvent[]) : Array.from(events);
}

/**
 * Each distinct (function, file) the events ran, once, in the order of its first call: what a
 * reader that asks only which functions ran, and in what order they first did, needs. A packed
 * step has it already (its table of calls), without a pass over its 589,824 events.
 */
export function firstCalls(events: KernelEvents): readonly KernelCall[] {
  if (events instanceof PackedEvents) return events.data.calls;
  const seen = new Map<string, Set<string>>();
  const out: KernelCall[] = [];
  for (const e of events) {
    let files = seen.get(e.fn);
    if (!files) seen.set(e.fn, (files = new Set<string>()));
    if (files.has(e.file)) continue;
    files.add(e.file);
    out.push({ fn: e.fn, file: e.file });
  }
  return out;
}

/** The names of the functions the events ran (without making their texts). */
export function calledFns(events: KernelEvents): Set<string> {
  return new Set(firstCalls(events).map((c) => c.fn));
}

/** Every event's depth, in order (a packed step's read straight from its heads). */
export function depthsOf(events: KernelEvents): Int32Array {
  const out = new Int32Array(events.length);
  if (events instanceof PackedEvents) {
    const heads = events.data.heads;
    for (let i = 0; i < out.length; i++) out[i] = (heads[i] as number) & DEPTH_MASK;
  } else for (let i = 0; i < out.length; i++) out[i] = events.at(i)?.depth ?? 0;
  return out;
}
