/**
 * Traces that keep every frame (the other kind is checkpoint.ts's CheckpointedTrace): what the
 * store and views accept when frames were not run by the model, or arrive as an array.
 */
import type { Frame } from './run';
import type { Era } from './types';
import type { CallHits } from './trace_calls';
import { recordOf, type Frames, type StepRecord, type Trace } from './checkpoint';

/**
 * A trace that keeps every frame as given: for frames that were not run by the model (hand-made
 * fixtures), and for comparing a checkpointed trace against the full run.
 */
export class FramesTrace implements Trace {
  readonly records: readonly StepRecord[];
  readonly era: Era;

  private readonly all: readonly Frame[];

  constructor(frames: readonly Frame[]) {
    // Frozen (shallowly) like a checkpointed trace's frames: immer never walks them.
    this.all = Object.freeze(frames.map((f) => (Object.isFrozen(f) ? f : Object.freeze({ ...f }))));
    this.records = Object.freeze(this.all.map((f) => recordOf(f)));
    this.era = frames[0]?.state.era ?? 'v4.14';
    Object.freeze(this);
  }

  get length(): number {
    return this.all.length;
  }

  frame(i: number): Frame | undefined {
    return this.all[i];
  }

  matchCalls(test: (fn: string, file: string) => boolean): CallHits {
    const steps: number[] = [];
    let total = 0;
    this.all.forEach((f, i) => {
      let c = 0;
      for (const e of f.events) if (test(e.fn, e.file)) c += 1;
      if (c > 0) steps.push(i);
      total += c;
    });
    return { steps, total };
  }
}

/** Frames as a trace: a trace as it is, an array wrapped (FramesTrace). */
export const asTrace = (t: Frames): Trace =>
  Array.isArray(t) ? new FramesTrace(t as readonly Frame[]) : (t as Trace);
