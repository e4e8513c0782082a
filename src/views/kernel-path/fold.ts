/**
 * Folded call levels of a step's kernel path. Events come in call order with their depth; an
 * event's calls are the events after it that are deeper, up to the next one at its depth or
 * shallower. Pure.
 */
import type { KernelEvents } from '../../store/model';
import { depthAt, depthsOf } from '../../model';

/** Calls deeper than this start folded: a step opens on its top two levels. */
export const OPEN_DEPTH = 1;

/**
 * Each step's call ends, by its events: a bulk step's events are kept by its trace record (the
 * same object whenever it is shown), and its 589,824 ends took 41–71 ms of the details' render
 * each time it was shown (longtask bench --profile: EventList > callEnds).
 */
const ENDS = new WeakMap<KernelEvents, Int32Array>();

/**
 * For each event, the index just past its last call (itself + 1 when it called nothing). One pass
 * with a stack of open callers; plain loops and typed arrays, since a bulk step's path holds
 * 589,824 events (an Int32Array of ends fills in half the time of an array, in Node).
 */
export function callEnds(events: KernelEvents): Int32Array {
  const known = ENDS.get(events);
  if (known) return known;
  const n = events.length;
  const ends = new Int32Array(n);
  const open = new Int32Array(n);
  let top = 0;
  const depths = depthsOf(events);
  for (let i = 0; i < n; i++) {
    const depth = depths[i] as number;
    while (top > 0 && (depths[open[top - 1] ?? 0] ?? 0) >= depth) ends[open[--top] ?? 0] = i;
    ends[i] = i + 1;
    open[top++] = i;
  }
  while (top > 0) ends[open[--top] ?? 0] = n;
  ENDS.set(events, ends);
  return ends;
}

/**
 * Which callers are folded: a rule for every caller, and the callers the user flipped from it.
 * Kept as the flips, not as the set of folded callers: a bulk step's path (589,824 events) has
 * tens of thousands of callers folded by default, and listing them was a pass and a set per step.
 */
export interface Folds {
  /** default: callers at OPEN_DEPTH or deeper start folded; none / all: as the buttons say. */
  readonly rule: 'default' | 'none' | 'all';
  readonly flipped: ReadonlySet<number>;
}

export const DEFAULT_FOLDS: Folds = { rule: 'default', flipped: new Set() };

/** Whether event i is a folded caller, under `f`. */
export function foldedBy(
  f: Folds,
  events: KernelEvents,
  ends: ArrayLike<number>,
): (i: number) => boolean {
  return (i) => {
    if ((ends[i] ?? 0) <= i + 1) return false;
    const byRule = f.rule === 'all' || (f.rule === 'default' && depthAt(events, i) >= OPEN_DEPTH);
    return byRule !== f.flipped.has(i);
  };
}

/** `f` with caller i folded the other way. */
export function flip(f: Folds, i: number): Folds {
  const flipped = new Set(f.flipped);
  if (flipped.has(i)) flipped.delete(i);
  else flipped.add(i);
  return { rule: f.rule, flipped };
}

/**
 * The events on show, in order: a folded event shows, its calls do not. Only the first `max` are
 * listed (the panel draws a page of them); `count` is how many there are in all.
 */
export function visibleEvents(
  ends: ArrayLike<number>,
  folded: (i: number) => boolean,
  max = Number.POSITIVE_INFINITY,
): { first: number[]; count: number } {
  const first: number[] = [];
  let count = 0;
  for (let i = 0; i < ends.length;) {
    if (count < max) first.push(i);
    count += 1;
    i = folded(i) ? (ends[i] ?? i + 1) : i + 1;
  }
  return { first, count };
}
