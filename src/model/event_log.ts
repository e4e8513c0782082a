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
  const site: EventSite<A, B, C> = Object.freeze({ id: SITES.length, fn, file, fmt });
  SITES.push(site as unknown as AnySite);
  return site;
}

/** Slots per event: site id (or PLAIN), depth × 64 + the arguments' kinds, then a, b, c. */
const SLOTS = 5;
/** The site id of an event recorded with its text (add): a, b, c index fn, file, text in refs. */
const PLAIN = -1;
/** An argument's kind (2 bits each in the depth slot): a number, a boolean (0/1), or a ref. */
const NUM = 0;
const BOOL = 1;
const REF = 2;
/** A step's first chunk holds this many events; each next one twice as many, up to MAX_EVENTS. */
const FIRST_EVENTS = 64;
const MAX_EVENTS = 8192;
/** Refs (the arguments that are not numbers or booleans, and plain texts) per chunk of refs. */
const REF_CHUNK = 8192;

export class EventLog {
  /**
   * The events in order, SLOTS numbers each, in typed chunks that never grow (a full one starts
   * another): numbers kept outside the JS heap cost the garbage collector nothing, where ~57 array
   * slots a page (the log's share of a 65,536-page write was over half of what the step left on
   * the heap) were copied by every scavenge that found them alive (issue 12).
   */
  private readonly chunks: Float64Array[] = [];
  private chunk: Float64Array = new Float64Array(FIRST_EVENTS * SLOTS);
  private at = 0;
  private count = 0;
  /** Values that are not numbers (texts, strings passed to a template), in chunks of REF_CHUNK. */
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
  private room(): Float64Array {
    this.count += 1;
    if (this.at < this.chunk.length) return this.chunk;
    const events = Math.min(MAX_EVENTS, (this.chunk.length / SLOTS) * 2);
    this.chunk = new Float64Array(events * SLOTS);
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

  /** An argument as a number, its kind noted in this.kinds at `shift`. */
  private arg(v: unknown, shift: number): number {
    if (typeof v === 'number') return v;
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

  add(fn: string, file: string, depth: number, text: string): void {
    const c = this.room();
    const i = this.at;
    this.at = i + SLOTS;
    c[i] = PLAIN;
    c[i + 1] = depth * 64;
    c[i + 2] = this.ref(fn);
    c[i + 3] = this.ref(file);
    c[i + 4] = this.ref(text);
  }

  addAt<A, B, C>(site: EventSite<A, B, C>, depth: number, a: A, b: B, c: C): void {
    const ch = this.room();
    const i = this.at;
    this.at = i + SLOTS;
    this.kinds = 0;
    ch[i] = site.id;
    ch[i + 2] = this.arg(a, 0);
    ch[i + 3] = this.arg(b, 2);
    ch[i + 4] = this.arg(c, 4);
    ch[i + 1] = depth * 64 + this.kinds;
  }

  /** The events as plain objects, each function under the era's own name (`names`). */
  events(names: ReadonlyMap<string, KernelName> | null): KernelEvent[] {
    const out: KernelEvent[] = new Array<KernelEvent>(this.count);
    let n = 0;
    for (const c of this.chunks) {
      const end = c === this.chunk ? this.at : c.length;
      for (let i = 0; i < end; i += SLOTS, n++) {
        const id = c[i] as number;
        const dk = c[i + 1] as number;
        const depth = Math.floor(dk / 64);
        let fn: string;
        let file: string;
        let text: string;
        if (id === PLAIN) {
          fn = this.refAt(c[i + 2] as number) as string;
          file = this.refAt(c[i + 3] as number) as string;
          text = this.refAt(c[i + 4] as number) as string;
        } else {
          const site = SITES[id] as AnySite;
          const kinds = dk % 64;
          fn = site.fn;
          file = site.file;
          text = site.fmt(
            this.value(kinds, 0, c[i + 2] as number),
            this.value(kinds, 2, c[i + 3] as number),
            this.value(kinds, 4, c[i + 4] as number),
          );
        }
        const renamed = names?.get(fn);
        out[n] = renamed
          ? { fn: renamed.fn, file: renamed.file, text, depth }
          : { fn, file, text, depth };
      }
    }
    return out;
  }
}
