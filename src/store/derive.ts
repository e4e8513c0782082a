/**
 * What an open request and a cursor put on screen, derived from traces (createAppStore's writes use
 * these): the settled trace and its markers, the frames at a cursor, and what a request needs
 * computed given what is on screen.
 */
import type { Draft } from 'immer';
import { castDraft, freeze } from 'immer';
import { sameDoc, sameRun } from '../scenarios/sameDoc';
import { deriveMarkers } from './markers';
import type { ScenarioDoc, Trace, TraceOutcome, TraceRunner } from './model';
import type { Era } from '../model';
import { asTrace, FramesTrace, withStepLabels } from '../model';
import type { AppData, AppState, CompareData, OpenRequest } from './types';

/**
 * A value a store write puts in, frozen at its top so immer's finalize takes it as it is. immer 11
 * walks every plain value assigned into a draft, key by key, looking for drafts nested in it,
 * whenever the write made more than one draft (`s.loading.done` beside `s.scenario`): a
 * 10,000-step document was visited step by step, up to 400 ms a write (bench/longtask --profile).
 * What a write stores is never a draft and nothing mutates it after, so one freeze of its top
 * object (not deep: that would be the same walk) is all immer needs to skip it.
 */
export function stored<T>(value: T): Draft<T> {
  return castDraft(freeze(value));
}

/** Clamp a requested cursor into the trace; non-finite input keeps the current one. */
export function clampCursor(index: number, length: number, current = 0): number {
  if (!Number.isFinite(index)) return current;
  return Math.max(0, Math.min(length - 1, Math.round(index)));
}

interface Derived {
  trace: Trace;
  markers: AppData['markers'];
  error: string | null;
}

/** No frames: a scenario that could not run. */
export const NO_TRACE: Trace = new FramesTrace([]);

/**
 * Settle a trace. A trace is a class instance, which immer never drafts or walks; the frames it
 * hands out are frozen (shallowly), so putting one on screen never walks its state.
 */
export function settle(outcome: TraceOutcome): Derived {
  if (!outcome.ok) return { trace: NO_TRACE, markers: [], error: outcome.error };
  const trace = asTrace(outcome.trace);
  if (trace.length === 0)
    return { trace: NO_TRACE, markers: [], error: 'The scenario has no frames.' };
  return { trace, markers: deriveMarkers(trace.records), error: null };
}

/** The frames a cursor puts on screen: the one before first, so the frame's replay is one step. */
export function framesAt(trace: Trace | undefined, cursor: number) {
  const prev = cursor > 0 ? trace?.frame(cursor - 1) : undefined;
  return { frame: trace?.frame(cursor), prev };
}

/**
 * Move the cursor inside a write, with the frames it shows: one intent stays one write, and views
 * select plain frames (the replay happens here, once, not in every view).
 */
export function showAt(
  s: Draft<AppState>,
  trace: Trace,
  compare: CompareData | null,
  cursor: number,
) {
  const a = framesAt(trace, cursor);
  const b = framesAt(compare?.trace, cursor);
  s.cursor = cursor;
  s.frame = stored(a.frame);
  s.prevFrame = stored(a.prev);
  s.compareFrame = stored(b.frame);
  s.comparePrevFrame = stored(b.prev);
}

/** A trace on screen under a document's steps (Plan.relabel: they run as its own). */
export function relabelled(t: Trace, steps: ScenarioDoc['steps']): TraceOutcome {
  return { ok: true, trace: withStepLabels(t, steps) };
}

export function runHere(run: TraceRunner, doc: ScenarioDoc): TraceOutcome {
  try {
    return { ok: true, trace: run(doc) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The document in a second era beside its own trace. A document the second era cannot run keeps
 * the first on screen and says why. Which steps differ is read from the two traces by the compare
 * view (model compareFrames), in its own chunk.
 */
export function settleCompare(era: Era, outcome: TraceOutcome): CompareData {
  return outcome.ok
    ? { era, trace: asTrace(outcome.trace), error: null }
    : { era, trace: NO_TRACE, error: outcome.error };
}

/** What an open request needs computed, given what is on screen. */
export interface Plan {
  /** The request's document is the one on screen (by identity or content): keep its trace. */
  readonly reuse: boolean;
  /**
   * The request's document runs as the one on screen and differs only in labels (its title, the
   * steps' notes: scenarios/sameDoc.ts sameRun): keep its frames (and the comparison's) under
   * the request's steps (model withStepLabels), computing nothing.
   */
  readonly relabel: boolean;
  /** The era to compare with after the request (null: none). */
  readonly era: Era | null;
  /** The second era's trace must be computed (a new document, or a new era to compare with). */
  readonly other: boolean;
}

export function planOpen(s: AppData, req: OpenRequest): Plan {
  // A trace still streaming in, or cut short by Cancel, is not the whole run: compute it again.
  const whole = s.stopped === null && s.loading?.shown !== true;
  const reuse = whole && (s.scenario.doc === req.doc || sameDoc(s.scenario.doc, req.doc));
  // Absent: keep comparing with the era on screen; never an era with itself.
  const asked = req.compare === undefined ? (s.compare?.era ?? null) : req.compare;
  const era = asked === req.doc.era ? null : asked;
  const sameCompare = era === (s.compare?.era ?? null);
  // Every trace on screen whole, one frame a step; a comparison that could not run is run again.
  const frames = req.doc.steps.length + 1;
  const relabel =
    whole &&
    !reuse &&
    s.error === null &&
    s.trace.length === frames &&
    sameCompare &&
    (s.compare === null || (s.compare.error === null && s.compare.trace.length === frames)) &&
    sameRun(s.scenario.doc, req.doc);
  return { reuse, relabel, era, other: era !== null && (!reuse || !sameCompare) };
}
