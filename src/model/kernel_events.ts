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

/**
 * The same text as one flat string. A template's text is a rope: about three rope nodes and two
 * string pieces an event. Reading a character with `at` makes V8 copy it flat in place, and the
 * next collection drops the pieces (`charCodeAt` did so in Node 20 but no longer in Chromium 156).
 * A million events took 196 → 116 MB of heap in Chromium 156 (312 → 153 MB in Node 20), and less
 * time to make: a step's events live as long as its frame is on screen or cached.
 */
function flat(text: string): string {
  text.at(0);
  return text;
}

/**
 * Events a reader can ask which function each ran, and at what depth, without making its text:
 * a step's own compact log (event_log.ts EventLog) or a heavy step's packed events. The trace
 * indexes (the calls, the timeline's marks) and packs through these; an event object is made only
 * when one is read (at, iteration).
 */
export abstract class EventReader implements KernelEvents {
  abstract get length(): number;
  /** The function and file of event i (shared objects: nothing is made); undefined out of range. */
  abstract callAt(i: number): KernelCall | undefined;
  /** The depth of event i (in range). */
  abstract depthAt(i: number): number;
  /** The text of event i (in range), made at this call. */
  abstract textAt(i: number): string;
  /** Every event's depth, in order, from the reader's own arrays (depthsOf). */
  abstract depths(): Int32Array;

  at(index: number): KernelEvent | undefined {
    const i = index < 0 ? index + this.length : index;
    const call = this.callAt(i);
    return (
      call && { fn: call.fn, file: call.file, text: flat(this.textAt(i)), depth: this.depthAt(i) }
    );
  }

  *[Symbol.iterator](): Iterator<KernelEvent> {
    for (let i = 0; i < this.length; i++) yield this.at(i) as KernelEvent;
  }
}

export const isCompact = (events: KernelEvents): events is EventReader =>
  events instanceof EventReader;

/** A heavy step's kept events: read one at a time, never all made at once. */
export class PackedEvents extends EventReader {
  constructor(readonly data: PackedEventsData) {
    super();
  }

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

  depths(): Int32Array {
    const heads = this.data.heads;
    const out = new Int32Array(heads.length);
    for (let i = 0; i < heads.length; i++) out[i] = (heads[i] as number) & DEPTH_MASK;
    return out;
  }

  textAt(i: number): string {
    const { ends, bytes } = this.data;
    const end = ends[i];
    if (end === undefined) return '';
    return decoder.decode(bytes.subarray(i === 0 ? 0 : ends[i - 1], end));
  }
}

/**
 * Where each of `texts` ends in `bytes` (their UTF-8, one after another from `from`), read from
 * the bytes: a text of n UTF-16 units takes the sequences that stand for n units (a four-byte
 * sequence for two, a surrogate pair; any other for one, a lone surrogate's U+FFFD included).
 */
function utf8Ends(
  bytes: Uint8Array,
  from: number,
  texts: readonly string[],
  ends: Uint32Array,
  first: number,
): void {
  let at = from;
  for (let k = 0; k < texts.length; k++) {
    let units = (texts[k] as string).length;
    while (units > 0) {
      const b = bytes[at] as number;
      if (b < 0x80) {
        at += 1;
        units -= 1;
      } else if (b >= 0xf0) {
        at += 4;
        units -= 2;
      } else {
        at += b >= 0xe0 ? 3 : 2;
        units -= 1;
      }
    }
    ends[first + k] = at;
  }
}

/** Texts encoded together: one string, one encodeInto and one view of the buffer per batch. */
const TEXT_BATCH = 512;

/**
 * Pack a step's events (the trace does it once per heavy step, where it keeps them). From a
 * step's compact log it reads each event's call and depth without making an event object, and
 * makes each text once, to encode it with its batch: a 65,536-page write's 589,824 events were
 * made as objects with flat texts, then encoded through a view of the buffer per event, about
 * 380 MB of garbage in a boot whose trace keeps 20.
 */
export function packEvents(events: KernelEvents): PackedEvents {
  if (events instanceof PackedEvents) return events;
  const compact = isCompact(events) ? events : null;
  const n = events.length;
  const heads = new Int32Array(n);
  const ends = new Uint32Array(n);
  const calls: KernelCall[] = [];
  const pairIds = new Map<string, Map<string, number>>();
  const encoder = new TextEncoder();
  let bytes = new Uint8Array(Math.max(256, n * 64));
  let at = 0;
  const batch: string[] = [];
  let batchFirst = 0;
  const flush = (next: number) => {
    if (batch.length === 0) return;
    const joined = batch.join('');
    if (bytes.length - at < joined.length * 3) {
      const grown = new Uint8Array(Math.max(bytes.length * 2, at + joined.length * 3));
      grown.set(bytes.subarray(0, at));
      bytes = grown;
    }
    const written = encoder.encodeInto(joined, bytes.subarray(at)).written;
    utf8Ends(bytes, at, batch, ends, batchFirst);
    at += written;
    batch.length = 0;
    batchFirst = next;
  };
  for (let i = 0; i < n; i++) {
    const e = compact ? null : (events.at(i) as KernelEvent);
    const call = compact ? (compact.callAt(i) as KernelCall) : (e as KernelEvent);
    const depth = compact ? compact.depthAt(i) : (e as KernelEvent).depth;
    let byFile = pairIds.get(call.fn);
    if (!byFile) pairIds.set(call.fn, (byFile = new Map<string, number>()));
    let pair = byFile.get(call.file);
    if (pair === undefined) {
      pair = calls.length;
      byFile.set(call.file, pair);
      calls.push(Object.freeze({ fn: call.fn, file: call.file }));
    }
    if (depth < 0 || depth > DEPTH_MASK) throw new RangeError(`event depth ${depth}`);
    heads[i] = (pair << DEPTH_BITS) | depth;
    batch.push(compact ? compact.textAt(i) : (e as KernelEvent).text);
    if (batch.length >= TEXT_BATCH) flush(i + 1);
  }
  flush(n);
  return new PackedEvents({ calls, heads, ends, bytes: bytes.slice(0, at) });
}

/** The function and file of event i of any events, without making its text. */
export function callAt(events: KernelEvents, i: number): KernelCall | undefined {
  return isCompact(events) ? events.callAt(i) : events.at(i);
}

/** The depth of event i of any events (0 out of range). */
export function depthAt(events: KernelEvents, i: number): number {
  return isCompact(events) ? events.depthAt(i) : (events.at(i)?.depth ?? 0);
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
  for (let i = 0; i < events.length; i++) {
    const e = callAt(events, i) as KernelCall;
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

/**
 * Every event's depth, in order (a compact step's without making its events: read off its own
 * arrays, since through `depthAt`, a type test and a call an event, a bulk step's 589,824 took
 * 20 ms of the kernel path's render; longtask bench --profile).
 */
export function depthsOf(events: KernelEvents): Int32Array {
  if (isCompact(events)) return events.depths();
  const out = new Int32Array(events.length);
  for (let i = 0; i < out.length; i++) out[i] = events.at(i)?.depth ?? 0;
  return out;
}
