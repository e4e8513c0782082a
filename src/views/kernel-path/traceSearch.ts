/**
 * Search across the whole trace: which steps ran a kernel function whose name, source file or
 * line of text holds the query. Pure, case-insensitive, one pass over the trace's events.
 */
import type { Frame, KernelEvent } from '../../store/model';

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

/** The query as matched: trimmed, lower case. */
export const normalQuery = (raw: string): string => raw.trim().toLowerCase();

export function searchTrace(trace: readonly Frame[], raw: string): TraceHits {
  const q = normalQuery(raw);
  if (q === '') return NO_HITS;
  const steps: number[] = [];
  let total = 0;
  trace.forEach((frame, i) => {
    let n = 0;
    for (const e of frame.events) if (eventMatches(e, q)) n += 1;
    if (n > 0) steps.push(i);
    total += n;
  });
  return { steps, total };
}

/** The hit step after (d = 1) or before (d = -1) `cursor`, wrapping around; null when none. */
export function nextHit(steps: readonly number[], cursor: number, d: 1 | -1): number | null {
  if (steps.length === 0) return null;
  if (d > 0) return steps.find((s) => s > cursor) ?? steps[0] ?? null;
  return [...steps].reverse().find((s) => s < cursor) ?? steps[steps.length - 1] ?? null;
}
