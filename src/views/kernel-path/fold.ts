/**
 * Folded call levels of a step's kernel path. Events come in call order with their depth; an
 * event's calls are the events after it that are deeper, up to the next one at its depth or
 * shallower. Pure.
 */
import type { KernelEvent } from '../../store/model';

/** Calls deeper than this start folded: a step opens on its top two levels. */
export const OPEN_DEPTH = 1;

/**
 * For each event, the index just past its last call (itself + 1 when it called nothing). One pass
 * with a stack of open callers; plain loops, since a bulk step's path holds 589,824 events.
 */
export function callEnds(events: readonly KernelEvent[]): number[] {
  const n = events.length;
  const ends = new Array<number>(n);
  const open = new Int32Array(n);
  let top = 0;
  for (let i = 0; i < n; i++) {
    const depth = events[i]?.depth ?? 0;
    while (top > 0 && (events[open[top - 1] ?? 0]?.depth ?? 0) >= depth) ends[open[--top] ?? 0] = i;
    ends[i] = i + 1;
    open[top++] = i;
  }
  while (top > 0) ends[open[--top] ?? 0] = n;
  return ends;
}

/** The events that start folded: callers below OPEN_DEPTH. */
export function defaultFolds(events: readonly KernelEvent[], ends: readonly number[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < events.length; i++)
    if ((events[i]?.depth ?? 0) >= OPEN_DEPTH && (ends[i] ?? 0) > i + 1) out.add(i);
  return out;
}

/** Indexes of the events on show: a folded event shows, its calls do not. */
export function visibleEvents(ends: readonly number[], folded: ReadonlySet<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < ends.length;) {
    out.push(i);
    i = folded.has(i) ? (ends[i] ?? i + 1) : i + 1;
  }
  return out;
}
