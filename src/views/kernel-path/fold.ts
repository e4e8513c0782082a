/**
 * Folded call levels of a step's kernel path. Events come in call order with their depth; an
 * event's calls are the events after it that are deeper, up to the next one at its depth or
 * shallower. Pure.
 */
import type { KernelEvent } from '../../store/model';

/** Calls deeper than this start folded: a step opens on its top two levels. */
export const OPEN_DEPTH = 1;

/** For each event, the index just past its last call (itself + 1 when it called nothing). */
export function callEnds(events: readonly KernelEvent[]): number[] {
  const ends = events.map((_, i) => i + 1);
  const open: number[] = [];
  events.forEach((e, i) => {
    while (open.length > 0 && (events[open[open.length - 1] ?? 0]?.depth ?? 0) >= e.depth) {
      const top = open.pop() ?? 0;
      ends[top] = i;
    }
    open.push(i);
  });
  for (const top of open) ends[top] = events.length;
  return ends;
}

/** The events that start folded: callers below OPEN_DEPTH. */
export function defaultFolds(events: readonly KernelEvent[], ends: readonly number[]): Set<number> {
  const out = new Set<number>();
  events.forEach((e, i) => {
    if (e.depth >= OPEN_DEPTH && (ends[i] ?? 0) > i + 1) out.add(i);
  });
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
