/**
 * The kernel functions each step of a trace ran, without their text: a (function, file) pair id
 * per event. A whole-trace search (which steps ran migrate_vma?) reads this instead of the events,
 * which a checkpointed trace drops (checkpoint.ts) and recomputes only for the step on screen. Two
 * bytes an event instead of an object with a line of text.
 */
import type { KernelCall, KernelEvents } from './kernel_events';
import { callAt } from './kernel_events';
import { PackedLists } from './packed';

/** Which steps ran a matching call, ascending, and how many matching calls in all. */
export interface CallHits {
  readonly steps: readonly number[];
  readonly total: number;
}

/** The calls of a run of frames, as the worker sends them (see CallIndex.since / add). */
export interface CallChunk {
  /** Pairs first seen in this chunk, in id order: `fn`, then `file`. */
  readonly pairs: readonly (readonly [string, string])[];
  /** Calls per frame of the chunk. */
  readonly counts: readonly number[];
  /** The pair id of each call, frame after frame. */
  readonly values: Uint16Array;
}

/** The model names a few hundred functions: ids fit in 16 bits with room to spare. */
const MAX_PAIRS = 0x10000;

export class CallIndex {
  /** Pair ids by function, then file: no key string made per call. */
  private readonly byFn = new Map<string, Map<string, number>>();
  private readonly pairs: (readonly [string, string])[] = [];
  private readonly ids = new PackedLists(new Uint16Array(1024));

  get length(): number {
    return this.ids.length;
  }

  get pairCount(): number {
    return this.pairs.length;
  }

  private pairId(fn: string, file: string): number {
    let byFile = this.byFn.get(fn);
    if (!byFile) this.byFn.set(fn, (byFile = new Map<string, number>()));
    let id = byFile.get(file);
    if (id === undefined) {
      id = this.pairs.length;
      if (id >= MAX_PAIRS) throw new RangeError('too many distinct kernel functions');
      byFile.set(file, id);
      this.pairs.push([fn, file]);
    }
    return id;
  }

  /** Record the next frame's events. */
  addEvents(events: KernelEvents): void {
    const ids = new Uint16Array(events.length);
    for (let i = 0; i < events.length; i++) {
      const e = callAt(events, i) as KernelCall;
      ids[i] = this.pairId(e.fn, e.file);
    }
    this.ids.push(ids);
  }

  /** The frames from `frame` on, with the pairs first seen after `pairsFrom`, for another index. */
  since(frame: number, pairsFrom: number): CallChunk {
    return { pairs: this.pairs.slice(pairsFrom), ...this.ids.since(frame) };
  }

  /** Append what `since` made on the other side (the ids are the sender's, which are ours). */
  add(chunk: CallChunk): void {
    for (const [fn, file] of chunk.pairs) this.pairId(fn, file);
    this.ids.add(chunk);
  }

  /** Steps with at least one call whose function or file matches, and the matching calls. */
  /** Frames before `end` (default: all) whose calls pass `test`, and how many calls did. */
  match(test: (fn: string, file: string) => boolean, end = this.ids.length): CallHits {
    const hit = this.pairs.map(([fn, file]) => test(fn, file));
    if (!hit.includes(true)) return { steps: [], total: 0 };
    const steps: number[] = [];
    let total = 0;
    for (let f = 0; f < Math.min(end, this.ids.length); f++) {
      let c = 0;
      for (const id of this.ids.get(f)) if (hit[id]) c += 1;
      if (c > 0) steps.push(f);
      total += c;
    }
    return { steps, total };
  }
}
