/**
 * What a trace keeps of each step (its record): the frame without its state, with its events only
 * when the step is heavy, and what it touched packed as numbers. checkpoint.ts keeps these for
 * every step and the state only at checkpoints.
 */
import type { Op, StepResult, Violation } from './ops';
import type { KernelEvents } from './kernel_events';
import { packEvents } from './kernel_events';
import type { Touched } from './step';
import type { Frame } from './run';
import type { StepMark } from './step_marks';
import { stepMarks } from './step_marks';
import type { Pid, Pfn, PteRef, Vpn } from './types';

/** A step at least this heavy keeps its events (packed, kernel_events.ts): showing it never re-runs it. */
export const HEAVY_STEP_WORK = 1024;

/** What a trace keeps of each step (the frame without its state and events). */
export interface StepRecord {
  /** 0 is boot; record i describes step i - 1 of the document. */
  readonly index: number;
  readonly op: Op | null;
  readonly note: string | null;
  readonly id: string | null;
  readonly result: StepResult | null;
  readonly violations: readonly Violation[];
  /** The timeline marks, read from the events before they were dropped. */
  readonly marks: readonly StepMark[];
  /** How many kernel events the step recorded. */
  readonly eventCount: number;
  /** The events, kept only for a step heavy enough that re-running it would show. */
  readonly events: KernelEvents | undefined;
}

const NO_VIOLATIONS: readonly Violation[] = Object.freeze([]);
const NO_TOUCH: Touched = Object.freeze({ pfns: Object.freeze([]), ptes: Object.freeze([]) });

/** A frame's events as a reader that needs no event objects takes them: a run's compact log. */
export const eventsOf = (f: Frame & { readonly eventLog?: KernelEvents }): KernelEvents =>
  f.eventLog ?? f.events;

/** The replay work of one step (checkpoint.ts CHECKPOINT_WORK). */
export const workOf = (f: Frame): number =>
  1 + eventsOf(f).length + f.touched.pfns.length + f.touched.ptes.length;

/**
 * Results by their JSON: most steps return one of a few results ({ ret: 0 }, one value read), so a
 * long trace shares them. Bounded: past MAX_SHARED distinct results each step keeps its own.
 */
const MAX_SHARED = 4096;

export class ResultPool {
  private readonly byJson = new Map<string, StepResult>();
  share(r: StepResult | null): StepResult | null {
    if (!r) return r;
    const key = JSON.stringify(r);
    if (key.length > 96) return r;
    const had = this.byJson.get(key);
    if (had) return had;
    if (this.byJson.size < MAX_SHARED) this.byJson.set(key, r);
    return r;
  }
}

/** A frame's record, dropping its state, what it touched and (unless heavy) its events. */
export function recordOf(f: Frame, results?: ResultPool): StepRecord {
  const heavy = workOf(f) >= HEAVY_STEP_WORK;
  const events = eventsOf(f);
  return {
    index: f.index,
    op: f.op,
    note: f.note,
    id: f.id,
    result: results ? results.share(f.result) : f.result,
    violations: f.violations.length === 0 ? NO_VIOLATIONS : f.violations,
    marks: stepMarks(events, f.result, f.violations),
    eventCount: events.length,
    events: heavy ? packEvents(events) : undefined,
  };
}

/** What a step touched as one list of numbers: the pfn count, the pfns, then (pid, vpn) pairs. */
export function packTouched(t: Touched): number[] {
  const out = [t.pfns.length, ...t.pfns];
  for (const p of t.ptes) out.push(p.pid, p.vpn);
  return out;
}

export function unpackTouched(v: Float64Array): Touched {
  if (v.length <= 1) return NO_TOUCH;
  const n = v[0] as number;
  const pfns = Array.from(v.subarray(1, 1 + n)) as Pfn[];
  const ptes: PteRef[] = [];
  for (let k = 1 + n; k + 1 < v.length; k += 2)
    ptes.push({ pid: v[k] as Pid, vpn: v[k + 1] as Vpn });
  return { pfns, ptes };
}
