/**
 * The kernel events a step records, kept compact while it runs and made into KernelEvent objects
 * when they are read (issue 12). A bulk write of N pages is N faults of ~9 events each; building
 * each event's text (hex addresses, template strings) took more time than the fault itself, and
 * most steps' events are never read: a checkpointed trace re-runs a step for its state and
 * recomputes its events only when they are shown (checkpoint.ts). So a hot path's event is its
 * site (function, file and text template, declared once with eventSite) and the template's three
 * arguments, kept as numbers in typed arrays, and formatted at read time into exactly the string
 * it would have made at once.
 */
import type { KernelName } from './eras/names';
import type { CompactEvents, KernelCall } from './kernel_events';
import type { KernelEvent } from './ops';

/** A text's template: formats its arguments when the events are read (must be pure). */
export type Fmt<A, B, C> = (a: A, b: B, c: C) => string;

/** Where an event is recorded: the kernel function, its source file, and its text's template. */
export interface EventSite<A, B, C> {
  /** Index in SITES: what the log stores for the event. */
  readonly id: number;
  readonly fn: string;
  readonly file: string;
  readonly fmt: Fmt<A, B, C>;
}

type AnySite = EventSite<unknown, unknown, unknown>;

/** Every site declared, by id. Sites are declared once, at module level (never per call). */
const SITES: AnySite[] = [];

/** Declare a site (at module level): its events cost five numbers each while a step runs. */
export function eventSite<A = number, B = number, C = number>(
  fn: string,
  file: string,
  fmt: Fmt<A, B, C>,
): EventSite<A, B, C> {
  if (SITES.length >= MAX_SITES) throw new RangeError(`more than ${MAX_SITES} event sites`);
  const site: EventSite<A, B, C> = Object.freeze({ id: SITES.length, fn, file, fmt });
  SITES.push(site as unknown as AnySite);
  return site;
}

/**
 * Slots per event: a header (site id + 1, depth and the arguments' kinds, packed: see header),
 * then a, b, c. Int32 slots: a page fault's arguments are pfns, vpns, flags and counts that fit
 * in 32 bits; one that does not (a device pfn above 2^31, a fraction, -0) is kept as a ref.
 */
const SLOTS = 4;
/** The site id of an event recorded with its text (add): a, b, c index fn, file, text in refs. */
const PLAIN = -1;
/** An argument's kind (2 bits each in the header): an int32, a boolean (0/1), or a ref. */
const NUM = 0;
const BOOL = 1;
const REF = 2;
/** Header bits: kinds in the low 6, depth in the next 12, site id + 1 above (< 2^13 sites). */
const DEPTH_SHIFT = 6;
const ID_SHIFT = 18;
const MAX_DEPTH = (1 << (ID_SHIFT - DEPTH_SHIFT)) - 1;
/** Site ids + 1 must fit the header's top 13 bits below the int32 sign bit. */
const MAX_SITES = (1 << (31 - ID_SHIFT)) - 2;
/** A step's first chunk holds this many events; each next one twice as many, up to MAX_EVENTS. */
const FIRST_EVENTS = 64;
const MAX_EVENTS = 8192;
/** Refs (the arguments that are not int32s or booleans, and plain texts) per chunk of refs. */
const REF_CHUNK = 8192;

/**
 * The same text as one flat string. A template's text is a rope: about three rope nodes and two
 * string pieces an event. Reading a character with `at` makes V8 copy it flat in place, and the
 * next collection drops the pieces (`charCodeAt` did so in Node 20 but no longer in Chromium 156).
 * A million events took 196 → 116 MB of heap in Chromium 156 (312 → 153 MB in Node 20), and less
 * time to make: a step's events live as long as its frame is on screen or cached (a heavy step's
 * are kept packed instead, kernel_events.ts).
 */
function flat(text: string): string {
  text.at(0);
  return text;
}

/** A number an Int32 slot keeps exactly (not -0, which `| 0` would make 0). */
const isInt32 = (v: number): boolean => (v | 0) === v && !Object.is(v, -0);

export class EventLog {
  /**
   * The events in order, SLOTS int32s each, in typed chunks that never grow (a full one starts
   * another): numbers kept outside the JS heap cost the garbage collector nothing, where ~57 array
   * slots a page (the log's share of a 65,536-page write was over half of what the step left on
   * the heap) were copied by every scavenge that found them alive (issue 12). 16 bytes an event
   * (40 as five float64s): a 65,536-page write records 589,824 events, and each fresh page of a
   * chunk costs the kernel a zeroed page on first touch.
   */
  private readonly chunks: Int32Array[] = [];
  private chunk: Int32Array = new Int32Array(FIRST_EVENTS * SLOTS);
  private at = 0;
  private count = 0;
  /** Values that are not int32s or booleans (texts, wide numbers), in chunks of REF_CHUNK. */
  private readonly refs: unknown[][] = [];
  private refCount = 0;
  /** The kinds of the arguments being encoded (see NUM, BOOL, REF). */
  private kinds = 0;

  constructor() {
    this.chunks.push(this.chunk);
  }

  get length(): number {
    return this.count;
  }

  /** The chunk a new event goes into, with room for it at this.at. */
  private room(): Int32Array {
    this.count += 1;
    if (this.at < this.chunk.length) return this.chunk;
    const events = Math.min(MAX_EVENTS, (this.chunk.length / SLOTS) * 2);
    this.chunk = new Int32Array(events * SLOTS);
    this.chunks.push(this.chunk);
    this.at = 0;
    return this.chunk;
  }

  private ref(v: unknown): number {
    const i = this.refCount++;
    const off = i % REF_CHUNK;
    if (off === 0) this.refs.push([]);
    (this.refs[this.refs.length - 1] as unknown[]).push(v);
    return i;
  }

  private refAt(i: number): unknown {
    return (this.refs[Math.floor(i / REF_CHUNK)] as unknown[])[i % REF_CHUNK];
  }

  /** An argument as an int32, its kind noted in this.kinds at `shift`. */
  private arg(v: unknown, shift: number): number {
    if (typeof v === 'number' && isInt32(v)) return v;
    if (typeof v === 'boolean') {
      this.kinds |= BOOL << shift;
      return v ? 1 : 0;
    }
    this.kinds |= REF << shift;
    return this.ref(v);
  }

  private value(kinds: number, shift: number, n: number): unknown {
    const kind = (kinds >> shift) & 3;
    return kind === NUM ? n : kind === BOOL ? n === 1 : this.refAt(n);
  }

  /** The packed header of an event (checked: a depth beyond its bits is a broken caller). */
  private static header(id: number, depth: number, kinds: number): number {
    return ((id + 1) << ID_SHIFT) | (depth << DEPTH_SHIFT) | kinds;
  }

  private static checkDepth(depth: number): void {
    if (depth < 0 || depth > MAX_DEPTH) throw new RangeError(`event depth ${depth}`);
  }

  add(fn: string, file: string, depth: number, text: string): void {
    EventLog.checkDepth(depth);
    const c = this.room();
    const i = this.at;
    this.at = i + SLOTS;
    c[i] = EventLog.header(PLAIN, depth, 0);
    c[i + 1] = this.ref(fn);
    c[i + 2] = this.ref(file);
    c[i + 3] = this.ref(text);
  }

  addAt<A, B, C>(site: EventSite<A, B, C>, depth: number, a: A, b: B, c: C): void {
    EventLog.checkDepth(depth);
    const ch = this.room();
    const i = this.at;
    this.at = i + SLOTS;
    this.kinds = 0;
    ch[i + 1] = this.arg(a, 0);
    ch[i + 2] = this.arg(b, 2);
    ch[i + 3] = this.arg(c, 4);
    ch[i] = EventLog.header(site.id, depth, this.kinds);
  }

  /** The events as plain objects, each function under the era's own name (`names`). */
  events(names: ReadonlyMap<string, KernelName> | null): KernelEvent[] {
    const out: KernelEvent[] = new Array<KernelEvent>(this.count);
    let n = 0;
    for (const c of this.chunks) {
      const end = this.end(c);
      for (let i = 0; i < end; i += SLOTS, n++) {
        const id = ((c[i] as number) >>> ID_SHIFT) - 1;
        const site = id === PLAIN ? null : (SITES[id] as AnySite);
        const fn = site ? site.fn : (this.refAt(c[i + 1] as number) as string);
        const file = site ? site.file : (this.refAt(c[i + 2] as number) as string);
        const text = flat(this.text(c, i));
        const depth = ((c[i] as number) >> DEPTH_SHIFT) & MAX_DEPTH;
        const renamed = names?.get(fn);
        out[n] = renamed
          ? { fn: renamed.fn, file: renamed.file, text, depth }
          : { fn, file, text, depth };
      }
    }
    return out;
  }

  /** The slots of chunk c that hold events. */
  private end(c: Int32Array): number {
    return c === this.chunk ? this.at : c.length;
  }

  /** Where `seek` last stopped: a chunk (its index and first event) and the slot found in it. */
  private seekChunk = 0;
  private seekFirst = 0;
  private seekSlot = 0;

  /**
   * The chunk holding event `index` (< length), its slot left in seekSlot. A reader going in order
   * finds each next event at once (the chunk it stopped in, or the next one).
   */
  private seek(index: number): Int32Array {
    if (index < this.seekFirst) {
      this.seekChunk = 0;
      this.seekFirst = 0;
    }
    for (;;) {
      const c = this.chunks[this.seekChunk] as Int32Array;
      const events = this.end(c) / SLOTS;
      if (index < this.seekFirst + events) {
        this.seekSlot = (index - this.seekFirst) * SLOTS;
        return c;
      }
      this.seekFirst += events;
      this.seekChunk += 1;
    }
  }

  /** Event i's site (its id; PLAIN: recorded with its own function, file and text). */
  siteAt(i: number): AnySite | null {
    const id = ((this.seek(i)[this.seekSlot] as number) >>> ID_SHIFT) - 1;
    return id === PLAIN ? null : (SITES[id] as AnySite);
  }

  depthAt(i: number): number {
    return ((this.seek(i)[this.seekSlot] as number) >> DEPTH_SHIFT) & MAX_DEPTH;
  }

  /** A plain event's function (0) or file (1), as recorded. */
  plainAt(i: number, part: 0 | 1): string {
    const c = this.seek(i);
    return this.refAt(c[this.seekSlot + 1 + part] as number) as string;
  }

  /** Event i's text, made now; a rope unless `flatten` (see flat). */
  textAt(i: number, flatten: boolean): string {
    const c = this.seek(i);
    const text = this.text(c, this.seekSlot);
    return flatten ? flat(text) : text;
  }

  /** The text of the event at slot i of c, made now, as its template made it. */
  private text(c: Int32Array, i: number): string {
    const h = c[i] as number;
    const id = (h >>> ID_SHIFT) - 1;
    if (id === PLAIN) return this.refAt(c[i + 3] as number) as string;
    const site = SITES[id] as AnySite;
    const kinds = h & 63;
    return site.fmt(
      this.value(kinds, 0, c[i + 1] as number),
      this.value(kinds, 2, c[i + 2] as number),
      this.value(kinds, 4, c[i + 3] as number),
    );
  }
}

/**
 * A step's events read from its compact log, one at a time: which function each ran (a shared
 * object per function and file), its depth, and its text only when asked. The trace indexes a
 * step's calls, marks its timeline and packs a heavy step's events through this, where making
 * every event object first cost a 65,536-page write 589,824 objects and texts at once
 * (checkpoint.ts).
 */
export class LoggedEvents implements CompactEvents {
  /** The call of each site (by id), under the era's names, made once. */
  private readonly siteCalls: (KernelCall | undefined)[] = [];
  /** Every call made, by function and file (under the era's names): one object per pair. */
  private readonly calls = new Map<string, Map<string, KernelCall>>();

  constructor(
    private readonly log: EventLog,
    private readonly names: ReadonlyMap<string, KernelName> | null,
  ) {}

  get length(): number {
    return this.log.length;
  }

  private inRange(i: number): boolean {
    return i >= 0 && i < this.log.length;
  }

  private call(recorded: string, recordedFile: string): KernelCall {
    const renamed = this.names?.get(recorded);
    const fn = renamed ? renamed.fn : recorded;
    const file = renamed ? renamed.file : recordedFile;
    let byFile = this.calls.get(fn);
    if (!byFile) this.calls.set(fn, (byFile = new Map<string, KernelCall>()));
    let call = byFile.get(file);
    if (!call) byFile.set(file, (call = Object.freeze({ fn, file })));
    return call;
  }

  callAt(i: number): KernelCall | undefined {
    if (!this.inRange(i)) return undefined;
    const site = this.log.siteAt(i);
    if (!site) return this.call(this.log.plainAt(i, 0), this.log.plainAt(i, 1));
    return (this.siteCalls[site.id] ??= this.call(site.fn, site.file));
  }

  depthAt(i: number): number {
    return this.inRange(i) ? this.log.depthAt(i) : 0;
  }

  /** The text of event i, made now: a rope (the packer joins texts and flattens them at once). */
  textAt(i: number): string {
    return this.inRange(i) ? this.log.textAt(i, false) : '';
  }

  at(index: number): KernelEvent | undefined {
    const i = index < 0 ? index + this.length : index;
    const call = this.callAt(i);
    if (!call) return undefined;
    return { fn: call.fn, file: call.file, text: this.log.textAt(i, true), depth: this.depthAt(i) };
  }

  firstCalls(): readonly KernelCall[] {
    const seen = new Set<KernelCall>();
    const out: KernelCall[] = [];
    let last: KernelCall | undefined;
    for (let i = 0; i < this.length; i++) {
      const call = this.callAt(i) as KernelCall;
      if (call === last || seen.has(call)) continue;
      last = call;
      seen.add(call);
      out.push(call);
    }
    return out;
  }

  *[Symbol.iterator](): Iterator<KernelEvent> {
    for (let i = 0; i < this.length; i++) yield this.at(i) as KernelEvent;
  }
}
