/**
 * A trace that keeps checkpoints instead of every state (issue 12: a 100,000-step trace that kept
 * every state and every event took 575 MB). Per step it keeps a light record (op, result,
 * violations, what it touched, its timeline marks, the calls it made as pair ids); the state only
 * at checkpoints (boot, then every CHECKPOINT_EVERY steps or sooner after heavy work). frame(i)
 * replays from the nearest checkpoint and re-runs step i from state i - 1 for its events: the
 * model is deterministic, so they are the events the first run recorded (checkpoint.test.ts).
 * A small cache of recent states makes a step forward or back cost one step.
 */
import type { Op } from './ops';
import type { KernelEvents } from './kernel_events';
import type { Era, KernelState } from './types';
import type { StepOutput } from './step';
import type { Frame } from './run';
import type { CallChunk, CallHits } from './trace_calls';
import { CallIndex } from './trace_calls';
import { PackedLists } from './packed';
import type { StepRecord } from './step_record';
import { eventsOf, packTouched, recordOf, ResultPool, unpackTouched, workOf } from './step_record';

const NO_EVENTS: KernelEvents = Object.freeze([]);

/** At most this many steps between checkpoints: a seek replays at most this many. */
export const CHECKPOINT_EVERY = 32;
/**
 * Replay work (events + pages + PTEs a step touched) after which a checkpoint is taken sooner: a
 * seek never replays more than about this much work, however heavy the steps.
 */
export const CHECKPOINT_WORK = 4096;
/** Recent states kept beside the checkpoints: stepping forward or back costs one step. */
const RECENT = 6;

/** The read side of a trace, whatever it keeps: the store and the views use this. */
export interface Trace {
  readonly era: Era;
  /** Frames: boot plus one per step. */
  readonly length: number;
  /** One light record per frame, records[0] is boot. Never edited. */
  readonly records: readonly StepRecord[];
  /** The whole frame i (state and events), or undefined out of range. */
  frame(i: number): Frame | undefined;
  /**
   * How many steps frame(i) would run now: 0 when it is at hand. Work done ahead of the user (in
   * idle time) is cheap only when this is: a replay from a checkpoint is up to CHECKPOINT_EVERY.
   */
  stepsToShow(i: number): number;
  /** Which steps ran a kernel function whose name or file passes `test`. */
  matchCalls(test: (fn: string, file: string) => boolean): CallHits;
}

/** Frames as an array (a full run, a fixture) or a trace: what whole-trace readers accept. */
export type Frames = readonly Frame[] | Trace;

/** Frame i of either. */
export const frameAt = (t: Frames, i: number): Frame | undefined =>
  Array.isArray(t) ? (t as readonly Frame[])[i] : (t as Trace).frame(i);

/** The record of frame i of either (the light part: no state, no events). */
export const recordAt = (t: Frames, i: number): StepRecord | undefined => {
  if (!Array.isArray(t)) return (t as Trace).records[i];
  const f = (t as readonly Frame[])[i];
  return f && recordOf(f);
};

type StepFn = (state: KernelState, op: Op) => StepOutput;

/** A checkpoint the worker sends: the state of frame `index`. */
export interface Checkpoint {
  readonly index: number;
  readonly state: KernelState;
}

/** A run of frames computed elsewhere (the trace worker sends these; appendChunk takes them). */
export interface TraceChunk {
  readonly records: readonly StepRecord[];
  readonly calls: CallChunk;
  readonly touched: { readonly counts: readonly number[]; readonly values: Float64Array };
  readonly checkpoints: readonly Checkpoint[];
}

export class CheckpointedTrace implements Trace {
  private readonly recs: StepRecord[] = [];
  private readonly calls = new CallIndex();
  private readonly touch = new PackedLists(new Float64Array(1024));
  private readonly results = new ResultPool();
  /** Frame indexes with a kept state, ascending, and the states. */
  private readonly cpAt: number[] = [];
  private readonly cpState: KernelState[] = [];
  /** Work since the last checkpoint (while appending frames). */
  private work = 0;
  /** Recently computed states and frames, most recent last. */
  private readonly recent: { index: number; state: KernelState }[] = [];
  private readonly frames: Frame[] = [];

  constructor(
    private readonly step: StepFn,
    readonly era: Era,
    /** At most this many steps between checkpoints (the bench tries others). */
    readonly every: number = CHECKPOINT_EVERY,
  ) {}

  get length(): number {
    return this.recs.length;
  }

  get records(): readonly StepRecord[] {
    return this.recs;
  }

  /** Frame indexes that keep their state (for tests and the bench). */
  get checkpoints(): readonly number[] {
    return this.cpAt;
  }

  /** Distinct kernel functions seen so far (a chunk's `pairsFrom`). */
  get callPairs(): number {
    return this.calls.pairCount;
  }

  /**
   * The frames so far as a trace of their own, which stays as it is while more are appended: the
   * app shows the first steps of a long run while the rest streams in (issue 12: step 0 on screen
   * within a second, whatever the length). O(frames) for its records: take one now and then.
   */
  prefix(): Trace {
    const length = this.recs.length;
    const records = this.recs.slice(0, length);
    return {
      era: this.era,
      length,
      records,
      frame: (i: number) => (i < length ? this.frame(i) : undefined),
      stepsToShow: (i: number) => (i < length ? this.stepsToShow(i) : 0),
      matchCalls: (test: (fn: string, file: string) => boolean) => this.calls.match(test, length),
    };
  }

  /** Frames from `from` on, for another trace's appendChunk (the worker streams these). */
  chunkSince(from: number, pairsFrom: number): TraceChunk {
    return {
      records: this.recs.slice(from),
      calls: this.calls.since(from, pairsFrom),
      touched: this.touch.since(from),
      checkpoints: this.checkpointsSince(from),
    };
  }

  /** Append a chunk made by chunkSince on the other side. */
  appendChunk(c: TraceChunk): void {
    for (const r of c.records) {
      if (r.index !== this.recs.length) throw new RangeError(`record ${r.index} out of order`);
      this.recs.push(r);
    }
    this.calls.add(c.calls);
    this.touch.add(c.touched);
    for (const cp of c.checkpoints) {
      if (cp.index <= (this.cpAt.at(-1) ?? -1)) throw new RangeError(`checkpoint ${cp.index}`);
      this.keep(cp.index, cp.state);
    }
  }

  /** Append the next frame as a run produced it (frames in order, boot first). */
  append(f: Frame): void {
    if (f.index !== this.recs.length) throw new RangeError(`frame ${f.index} out of order`);
    const rec = recordOf(f, this.results);
    this.recs.push(rec);
    this.calls.addEvents(eventsOf(f));
    this.touch.push(packTouched(f.touched));
    const last = this.cpAt.at(-1) ?? -Infinity;
    this.work += workOf(f);
    const due =
      f.index === 0 ||
      f.index - last >= this.every ||
      this.work >= CHECKPOINT_WORK ||
      rec.events !== undefined;
    if (due) this.keep(f.index, f.state);
  }

  private keep(index: number, state: KernelState): void {
    this.cpAt.push(index);
    this.cpState.push(state);
    this.work = 0;
  }

  private checkpointsSince(from: number): Checkpoint[] {
    const out: Checkpoint[] = [];
    for (let k = 0; k < this.cpAt.length; k++) {
      const index = this.cpAt[k] as number;
      if (index >= from) out.push({ index, state: this.cpState[k] as KernelState });
    }
    return out;
  }

  /** The kept state at `index`, if it is a checkpoint. */
  private checkpoint(index: number): KernelState | undefined {
    const k = this.floorCheckpoint(index);
    return k >= 0 && this.cpAt[k] === index ? this.cpState[k] : undefined;
  }

  /** Position in cpAt of the last checkpoint at or before `index` (-1: none). */
  private floorCheckpoint(index: number): number {
    let lo = 0;
    let hi = this.cpAt.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cpAt[mid] as number) <= index) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  private remember(index: number, state: KernelState): void {
    const had = this.recent.findIndex((r) => r.index === index);
    if (had >= 0) this.recent.splice(had, 1);
    this.recent.push({ index, state });
    if (this.recent.length > RECENT) this.recent.shift();
  }

  /** Where a replay to frame `index` starts: the latest kept or recent state at or before it. */
  private startOf(index: number): { at: number; state: KernelState | undefined } {
    const from = this.floorCheckpoint(index);
    let at = from >= 0 ? (this.cpAt[from] as number) : -1;
    let state = from >= 0 ? this.cpState[from] : undefined;
    for (const r of this.recent)
      if (r.index <= index && r.index > at) {
        at = r.index;
        state = r.state;
      }
    return { at, state };
  }

  /** The state of frame `index` (after step index - 1): a checkpoint, a recent state, or replayed. */
  state(index: number): KernelState | undefined {
    if (index < 0 || index >= this.recs.length) return undefined;
    const start = this.startOf(index);
    let state = start.state;
    if (!state) throw new Error(`no checkpoint before frame ${index}`);
    if (start.at === index) return state;
    for (let from = start.at + 1; from <= index; from++) {
      const op = this.recs[from]?.op;
      if (!op) throw new Error(`frame ${from} has no op`);
      state = this.step(state, op).state;
      // The replay's last RECENT states are kept, not only its target: stepping back from here
      // finds the states before in the cache. Keeping the target alone, every step back past the
      // cache replayed from the checkpoint again (8–19 ms each on the bench machine, in the
      // prefetch's idle task, where it dropped frames of the map's transition).
      if (from > index - RECENT) this.remember(from, state);
    }
    return state;
  }

  /** Frame `index` if it is among the recent frames. */
  private recentFrame(index: number): Frame | undefined {
    return this.frames.find((f) => f.index === index);
  }

  stepsToShow(index: number): number {
    const rec = this.recs[index];
    if (!rec || this.recentFrame(index)) return 0;
    // As frame() does: a step whose state and events are both kept runs nothing.
    if (index === 0 || !rec.op || (this.checkpoint(index) && rec.events))
      return this.stepsTo(index);
    return this.stepsTo(index - 1) + 1;
  }

  /** The steps state(index) would replay now. */
  private stepsTo(index: number): number {
    return index - this.startOf(index).at;
  }

  frame(index: number): Frame | undefined {
    const rec = this.recs[index];
    if (!rec) return undefined;
    const cached = this.recentFrame(index);
    if (cached) return cached;
    let state: KernelState;
    let events: KernelEvents;
    const kept = this.checkpoint(index);
    if (index === 0 || !rec.op) {
      state = kept ?? (this.state(index) as KernelState);
      events = rec.events ?? NO_EVENTS;
    } else if (kept && rec.events) {
      state = kept;
      events = rec.events;
    } else {
      // Re-run the step from the state before it: the same state and the same events.
      const before = this.state(index - 1) as KernelState;
      const out = this.step(before, rec.op);
      state = kept ?? out.state;
      events = out.events;
      if (!kept) this.remember(index, state);
    }
    const frame: Frame = {
      index,
      op: rec.op,
      note: rec.note,
      id: rec.id,
      state,
      result: rec.result,
      events,
      violations: rec.violations,
      touched: unpackTouched(this.touch.get(index)),
    };
    // Frozen (shallowly): immer stops at it when the store puts it on screen, never walking the state.
    Object.freeze(frame);
    this.frames.push(frame);
    if (this.frames.length > RECENT) this.frames.shift();
    return frame;
  }

  matchCalls(test: (fn: string, file: string) => boolean): CallHits {
    return this.calls.match(test);
  }
}

/** Build a checkpointed trace from a run's frames, one at a time. */
export function checkpointFrames(
  step: StepFn,
  era: Era,
  frames: Iterable<Frame>,
  every = CHECKPOINT_EVERY,
): CheckpointedTrace {
  const t = new CheckpointedTrace(step, era, every);
  for (const f of frames) t.append(f);
  return t;
}
