/**
 * Traces besides checkpoint.ts's CheckpointedTrace: one that keeps every frame (what the store and
 * views accept when frames were not run by the model, or arrive as an array), and a trace under
 * other labels (withStepLabels).
 */
import type { Frame, ScenarioStepInput } from './run';
import type { Era } from './types';
import type { CallHits } from './trace_calls';
import { callAt } from './kernel_events';
import type { Frames, Trace } from './checkpoint';
import { recordOf, type StepRecord } from './step_record';

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

  /** Every frame is at hand. */
  stepsToShow(): number {
    return 0;
  }

  matchCalls(test: (fn: string, file: string) => boolean): CallHits {
    const steps: number[] = [];
    let total = 0;
    this.all.forEach((f, i) => {
      let c = 0;
      for (let k = 0; k < f.events.length; k++) {
        const e = callAt(f.events, k);
        if (e && test(e.fn, e.file)) c += 1;
      }
      if (c > 0) steps.push(i);
      total += c;
    });
    return { steps, total };
  }
}

/** Frames as a trace: a trace as it is, an array wrapped (FramesTrace). */
export const asTrace = (t: Frames): Trace =>
  Array.isArray(t) ? new FramesTrace(t as readonly Frame[]) : (t as Trace);

/** The trace each relabelled trace labels anew: relabelling again never stacks wrappers. */
const bases = new WeakMap<Trace, Trace>();

const labelsOf = (s: ScenarioStepInput) => ({ op: s, note: s.note ?? null, id: s.id ?? null });

/**
 * A trace under other labels. A step's note and id (ScenarioStepInput) label its frame but no
 * kernel function reads them, so a document edited only there runs the same: its trace is the
 * trace on screen with each record and frame carrying the new step (issue 12: typing a note into
 * a 10,000-step scenario ran it all again in the worker, and the page took the new trace in).
 * `t` with steps[i - 1] as the op, note and id of frame i. The caller vouches that each step runs
 * as the one it replaces (scenarios/sameDoc.ts sameRun): replays still run the trace's own ops.
 */
export function withStepLabels(t: Trace, steps: readonly ScenarioStepInput[]): Trace {
  if (steps.length !== t.length - 1)
    throw new RangeError(`${steps.length} steps for a trace of ${t.length} frames`);
  const base = bases.get(t) ?? t;
  const records: readonly StepRecord[] = Object.freeze(
    base.records.map((r) => {
      const s = r.index > 0 ? steps[r.index - 1] : undefined;
      return s ? { ...r, ...labelsOf(s) } : r;
    }),
  );
  // One labelled frame per frame of the base, while the base keeps it: views compare frames by
  // identity (the map's diff of this frame against the one before).
  const frames = new WeakMap<Frame, Frame>();
  const labelled: Trace = {
    era: base.era,
    length: base.length,
    records,
    frame(i: number): Frame | undefined {
      const f = base.frame(i);
      const s = f && f.index > 0 ? steps[f.index - 1] : undefined;
      if (!f || !s) return f;
      let out = frames.get(f);
      if (!out) {
        // Frozen (shallowly) like the base's frames: immer never walks the state.
        out = Object.freeze({ ...f, ...labelsOf(s) });
        frames.set(f, out);
      }
      return out;
    },
    stepsToShow: (i: number) => base.stepsToShow(i),
    matchCalls: (test) => base.matchCalls(test),
  };
  bases.set(labelled, base);
  return labelled;
}
