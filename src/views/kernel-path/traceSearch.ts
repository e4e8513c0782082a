/**
 * Search across the whole trace: which steps ran a kernel function whose name, source file or
 * line of text holds the query. Pure, case-insensitive, one pass over the trace's events.
 */
import type { Frames, KernelEvent, KernelEvents } from '../../store/model';
import { asTrace } from '../../model';

export interface TraceHits {
  /** Steps (trace indexes) with at least one hit, ascending. */
  readonly steps: readonly number[];
  /** Hits in all steps together. */
  readonly total: number;
}

export const NO_HITS: TraceHits = { steps: [], total: 0 };

/** Does this event match the (lower-cased, trimmed) query? */
export function eventMatches(e: KernelEvent, q: string): boolean {
  if (q === '') return false;
  return (
    e.fn.toLowerCase().includes(q) ||
    e.file.toLowerCase().includes(q) ||
    e.text.toLowerCase().includes(q)
  );
}

/** The indexes of a step's events that match the query (a kept step's texts are made one by one). */
export function matchingEvents(events: KernelEvents, q: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events.at(i);
    if (e && eventMatches(e, q)) out.push(i);
  }
  return out;
}

/** The query as matched: trimmed, lower case. */
export const normalQuery = (raw: string): string => raw.trim().toLowerCase();

/**
 * Which steps ran a function whose name or source file holds the query. A checkpointed trace keeps
 * the calls of every step (model trace_calls.ts) but not their lines of text, which are recomputed
 * for the step on screen only: the whole-trace search matches names and files, the step's own
 * list (EventList) marks its text too.
 */
export function searchTrace(trace: Frames, raw: string): TraceHits {
  const q = normalQuery(raw);
  if (q === '') return NO_HITS;
  return asTrace(trace).matchCalls(
    (fn, file) => fn.toLowerCase().includes(q) || file.toLowerCase().includes(q),
  );
}

/** The hit step after (d = 1) or before (d = -1) `cursor`, wrapping around; null when none. */
export function nextHit(steps: readonly number[], cursor: number, d: 1 | -1): number | null {
  if (steps.length === 0) return null;
  if (d > 0) return steps.find((s) => s > cursor) ?? steps[0] ?? null;
  return [...steps].reverse().find((s) => s < cursor) ?? steps[steps.length - 1] ?? null;
}
