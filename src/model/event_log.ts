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
import { EventReader, type KernelCall } from './kernel_events';
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
/** Room for this many events at first; the array doubles when full. */
const FIRST_EVENTS = 64;
/** Refs (the arguments that are not int32s or booleans, and plain texts) per chunk of refs. */
const REF_CHUNK = 8192;

/** A number an Int32 slot keeps exactly (not -0, which `| 0` would make 0). */
const isInt32 = (v: number): boolean => (v | 0) === v && !Object.is(v, -0);

export class EventLog extends EventReader {
  /**
   * The events in order, SLOTS int32s each, in one typed array that doubles when full (event i at
   * slot i × SLOTS, for the readers below): numbers kept outside the JS heap cost the garbage
   * collector nothing, where ~57 array slots a page (the log's share of a 65,536-page write was
   * over half of what the step left on the heap) were copied by every scavenge that found them
   * alive (issue 12). 16 bytes an event (40 as five float64s): a 65,536-page write records
   * 589,824 events.
   */
  private slots = new Int32Array(FIRST_EVENTS * SLOTS);
  private fill = 0;
  private count = 0;
  /** Values that are not int32s or booleans (texts, wide numbers), in chunks of REF_CHUNK. */
  private readonly refs: unknown[][] = [];
  private refCount = 0;
  /** The kinds of the arguments being encoded (see NUM, BOOL, REF). */
  private kinds = 0;

  /** Every call read, by function and file (under the era's names): one object per pair. */
  private readonly calls = new Map<string, Map<string, KernelCall>>();

  /** `names`: the era's names for the functions recorded under v4.14's (null in v4.14). */
  constructor(private readonly names: ReadonlyMap<string, KernelName> | null = null) {
    super();
  }

  get length(): number {
    return this.count;
  }

  /** The slots, with room for one more event at this.fill. */
  private room(): Int32Array {
    this.count += 1;
    if (this.fill < this.slots.length) return this.slots;
    const grown = new Int32Array(this.slots.length * 2);
    grown.set(this.slots);
    return (this.slots = grown);
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
    const i = this.fill;
    this.fill = i + SLOTS;
    c[i] = EventLog.header(PLAIN, depth, 0);
    c[i + 1] = this.ref(fn);
    c[i + 2] = this.ref(file);
    c[i + 3] = this.ref(text);
  }

  addAt<A, B, C>(site: EventSite<A, B, C>, depth: number, a: A, b: B, c: C): void {
    EventLog.checkDepth(depth);
    const ch = this.room();
    const i = this.fill;
    this.fill = i + SLOTS;
    this.kinds = 0;
    ch[i + 1] = this.arg(a, 0);
    ch[i + 2] = this.arg(b, 2);
    ch[i + 3] = this.arg(c, 4);
    ch[i] = EventLog.header(site.id, depth, this.kinds);
  }

  /** The events as plain objects, each function under the era's own name. */
  events(): KernelEvent[] {
    return Array.from(this);
  }

  /*
   * Reading the events one at a time (EventReader): which function each ran (a shared object per
   * function and file), its depth, and its text only when asked. The trace indexes a step's calls,
   * marks its timeline and packs a heavy step's events through these, where making every event
   * object first cost a 65,536-page write 589,824 objects and texts at once (checkpoint.ts).
   */

  callAt(i: number): KernelCall | undefined {
    if (!(i >= 0 && i < this.count)) return undefined;
    const c = this.slots;
    const at = i * SLOTS;
    const id = ((c[at] as number) >>> ID_SHIFT) - 1;
    if (id !== PLAIN) {
      const site = SITES[id] as AnySite;
      return this.call(site.fn, site.file);
    }
    return this.call(
      this.refAt(c[at + 1] as number) as string,
      this.refAt(c[at + 2] as number) as string,
    );
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

  /** Event i's depth (i in range). */
  depthAt(i: number): number {
    return ((this.slots[i * SLOTS] as number) >> DEPTH_SHIFT) & MAX_DEPTH;
  }

  depths(): Int32Array {
    const c = this.slots;
    const out = new Int32Array(this.count);
    for (let i = 0; i < out.length; i++)
      out[i] = ((c[i * SLOTS] as number) >> DEPTH_SHIFT) & MAX_DEPTH;
    return out;
  }

  /** Event i's text (i in range), made now: a rope (the packer joins and flattens texts at once). */
  textAt(i: number): string {
    return this.text(this.slots, i * SLOTS);
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
