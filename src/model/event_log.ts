/**
 * The kernel events a step records, kept compact while it runs and made into KernelEvent objects
 * when they are read (issue 12). A bulk write of N pages is N faults of ~9 events each; building
 * each event's text (hex addresses, template strings) took more time than the fault itself, and
 * most steps' events are never read: a checkpointed trace re-runs a step for its state and
 * recomputes its events only when they are shown (checkpoint.ts). So an event is four array
 * slots, and a hot path's text is its template and arguments, formatted at read time into
 * exactly the string it would have made at once.
 */
import type { KernelName } from './eras/names';
import type { KernelEvent } from './ops';

/** A text's template: formats its arguments when the events are read (must be pure). */
export type Fmt<A, B, C> = (a: A, b: B, c: C) => string;

type AnyFmt = Fmt<never, never, never>;

/** A chunk holds at most this many slots, then the log starts another (never grown past it). */
const CHUNK_SLOTS = 8192;

export class EventLog {
  /**
   * The events in order, each as its slots: fn, file, depth, then its text, or its template and
   * the template's three arguments. The slots fill chunks of at most CHUNK_SLOTS: one growing
   * array per field made a bulk write's log (~600,000 events) copy its arrays as they grew and
   * keep the copies in the large-object space until a full GC (issue 12: the log's pushes were the
   * largest single item of a 65,536-page write's profile).
   */
  private readonly chunks: unknown[][] = [];
  private chunk: unknown[] = [];
  private count = 0;

  constructor() {
    this.chunks.push(this.chunk);
  }

  get length(): number {
    return this.count;
  }

  /** The chunk a new event goes into. */
  private room(): unknown[] {
    this.count += 1;
    if (this.chunk.length < CHUNK_SLOTS) return this.chunk;
    this.chunk = [];
    this.chunks.push(this.chunk);
    return this.chunk;
  }

  add(fn: string, file: string, depth: number, text: string): void {
    this.room().push(fn, file, depth, text);
  }

  addFmt<A, B, C>(
    fn: string,
    file: string,
    depth: number,
    fmt: Fmt<A, B, C>,
    a: A,
    b: B,
    c: C,
  ): void {
    this.room().push(fn, file, depth, fmt, a, b, c);
  }

  /** The events as plain objects, each function under the era's own name (`names`). */
  events(names: ReadonlyMap<string, KernelName> | null): KernelEvent[] {
    const out: KernelEvent[] = new Array<KernelEvent>(this.count);
    let i = 0;
    for (const c of this.chunks) {
      for (let at = 0; at < c.length; i++) {
        const fn = c[at] as string;
        const file = c[at + 1] as string;
        const depth = c[at + 2] as number;
        const t = c[at + 3] as string | AnyFmt;
        let text: string;
        if (typeof t === 'string') {
          text = t;
          at += 4;
        } else {
          const f = t as unknown as Fmt<unknown, unknown, unknown>;
          text = f(c[at + 4], c[at + 5], c[at + 6]);
          at += 7;
        }
        const renamed = names?.get(fn);
        out[i] = renamed
          ? { fn: renamed.fn, file: renamed.file, text, depth }
          : { fn, file, text, depth };
      }
    }
    return out;
  }
}
