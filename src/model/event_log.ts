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

export class EventLog {
  private readonly fns: string[] = [];
  private readonly files: string[] = [];
  private readonly depths: number[] = [];
  /** The text, or its template (whose three arguments are next in `args`). */
  private readonly texts: (string | AnyFmt)[] = [];
  private readonly args: unknown[] = [];

  get length(): number {
    return this.fns.length;
  }

  add(fn: string, file: string, depth: number, text: string): void {
    this.fns.push(fn);
    this.files.push(file);
    this.depths.push(depth);
    this.texts.push(text);
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
    this.fns.push(fn);
    this.files.push(file);
    this.depths.push(depth);
    this.texts.push(fmt);
    this.args.push(a, b, c);
  }

  /** The events as plain objects, each function under the era's own name (`names`). */
  events(names: ReadonlyMap<string, KernelName> | null): KernelEvent[] {
    const out: KernelEvent[] = new Array<KernelEvent>(this.fns.length);
    let at = 0;
    for (let i = 0; i < this.fns.length; i++) {
      const t = this.texts[i] as string | AnyFmt;
      let text: string;
      if (typeof t === 'string') text = t;
      else {
        const f = t as unknown as Fmt<unknown, unknown, unknown>;
        text = f(this.args[at], this.args[at + 1], this.args[at + 2]);
        at += 3;
      }
      const fn = this.fns[i] as string;
      const file = this.files[i] as string;
      const depth = this.depths[i] as number;
      const renamed = names?.get(fn);
      out[i] = renamed
        ? { fn: renamed.fn, file: renamed.file, text, depth }
        : { fn, file, text, depth };
    }
    return out;
  }
}
