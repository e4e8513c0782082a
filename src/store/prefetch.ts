/**
 * The frames a next step will show, computed while the app is idle. A checkpointed trace
 * (model/checkpoint.ts) re-runs a step to show it: stepping forward from c to c + 1 runs step
 * c + 1, stepping back to c - 1 needs frame c - 2 (a step, or a replay from its checkpoint). At
 * 262,144 + 262,144 pages that run was 1–2 ms of the key's task, before the map could draw;
 * here it runs after the step's frame has been painted, in idle time, and the trace's cache of
 * recent frames hands it over when the key comes.
 *
 * Not a store write: the trace is a class instance whose caches are its own (the store never
 * drafts it); nothing on screen changes.
 */
import { HEAVY_STEP_WORK } from '../model';
import type { AppStore } from './createAppStore';
import type { WhenIdle } from './idle';
import { longIdle, whenIdle } from './idle';
import type { Trace } from './model';

/**
 * Idle time in which no frame is due, or else the wait's end (idle.ts). A bulk step's frame and
 * scene laid out ahead took 73–100 ms; started in the idle slot between two frames of the step's
 * transition, that one task held a frame 67–100 ms (a Chromium trace of the map bench's
 * transitions). It is the next step's work, so it goes before the details of the step on screen.
 */
export const whenLongIdle: WhenIdle = longIdle('next-step');

/** Steps a frame shown ahead may re-run in the idle slot between two frames (1–2 ms each). */
const LIGHT_STEPS = 2;

/** Whether step i is a bulk one: as many kernel events as a heavy step (a 65,536-page write). */
export const bulkStep = (trace: Trace | undefined, i: number): boolean =>
  (trace?.records[i]?.eventCount ?? 0) >= HEAVY_STEP_WORK;

/**
 * Whether showing any of these frames ahead is heavy work: a replay of more than a step or two
 * (from a checkpoint: a step back, 55 ms in one prefetch at 262,144 + 262,144 pages), or a bulk
 * step, whose picture (its diff and layout) is heavy however its frame is found.
 */
export const heavyAhead = (trace: Trace | undefined, frames: readonly number[]): boolean =>
  trace !== undefined &&
  frames.some((i) => trace.stepsToShow(i) > LIGHT_STEPS || bulkStep(trace, i));

/**
 * The frames a step from `cursor` will ask for that the one on screen did not: after a step
 * forward the next one (c + 1), after a step back the one before (c - 2); after a jump, both (a
 * step back from a jump replays from a checkpoint, the dearest of all). Held-down arrows leave
 * idle slots between frames: warming the other way too doubled the model's work per step there.
 */
export function neighbours(cursor: number, length: number, moved = 0): number[] {
  const want = moved === 1 ? [cursor + 1] : moved === -1 ? [cursor - 2] : [cursor + 1, cursor - 2];
  return want.filter((i) => i >= 0 && i < length);
}

const ahead = (trace: Trace | undefined, cursor: number, moved: number): number[] =>
  trace ? neighbours(cursor, trace.length, moved) : [];

function warm(trace: Trace | undefined, cursor: number, moved: number): void {
  for (const i of ahead(trace, cursor, moved)) trace?.frame(i);
}

/** Keep the neighbours of the cursor computed, in both traces on screen; returns the unsubscribe. */
export function prefetchNeighbours(
  main: AppStore,
  idle: WhenIdle = whenIdle,
  /** Where heavy work runs: once no frame is due. */
  longIdle: WhenIdle = whenLongIdle,
): () => void {
  let cancel: (() => void) | null = null;
  const plan = (moved: number) => {
    cancel?.();
    const s = main.getState();
    const heavy =
      heavyAhead(s.trace, ahead(s.trace, s.cursor, moved)) ||
      heavyAhead(s.compare?.trace, ahead(s.compare?.trace, s.cursor, moved));
    cancel = (heavy ? longIdle : idle)(() => {
      cancel = null;
      const now = main.getState();
      warm(now.trace, now.cursor, moved);
      warm(now.compare?.trace, now.cursor, moved);
    });
  };
  plan(0);
  const unsubscribe = main.subscribe((s, prev) => {
    if (s.trace !== prev.trace || s.compare !== prev.compare) plan(0);
    else if (s.cursor !== prev.cursor) plan(s.cursor - prev.cursor);
  });
  return () => {
    unsubscribe();
    cancel?.();
    cancel = null;
  };
}
