/**
 * The frames a next step will show, computed while the app is idle. A checkpointed trace
 * (model/checkpoint.ts) re-runs a step to show it: stepping forward from c to c + 1 runs step
 * c + 1, stepping back to c - 1 needs frame c - 2 (a step, or a replay from its checkpoint). At
 * 262,144 + 262,144 pages that run was 1–2 ms of the key's task, before the map could draw;
 * here it runs after the step's frame has been painted, in idle time, and the trace's cache of
 * recent frames hands it over when the key comes. Play steps forward, so c + 1 goes first.
 *
 * Not a store write: the trace is a class instance whose caches are its own (the store never
 * drafts it); nothing on screen changes.
 */
import type { AppStore } from './createAppStore';
import type { AppState } from './types';
import type { Trace } from './model';

/** Runs `fn` once when the page is idle; returns a cancel. */
export type WhenIdle = (fn: () => void) => () => void;

/** Idle time after the frame: requestIdleCallback where there is one, else a timer. */
export const whenIdle: WhenIdle = (fn) => {
  if (typeof requestIdleCallback === 'function') {
    // The timeout keeps a page that is never idle (fast play at 4×) from starving it.
    const id = requestIdleCallback(fn, { timeout: 300 });
    return () => {
      cancelIdleCallback(id);
    };
  }
  const id = setTimeout(fn, 50);
  return () => {
    clearTimeout(id);
  };
};

/** The frames a step from `cursor` will ask for that the one on screen did not. */
export function neighbours(cursor: number, length: number): number[] {
  return [cursor + 1, cursor - 2].filter((i) => i >= 0 && i < length);
}

function warm(trace: Trace | undefined, cursor: number): void {
  if (!trace) return;
  for (const i of neighbours(cursor, trace.length)) trace.frame(i);
}

/** Keep the neighbours of the cursor computed, in both traces on screen; returns the unsubscribe. */
export function prefetchNeighbours(main: AppStore, schedule: WhenIdle = whenIdle): () => void {
  let cancel: (() => void) | null = null;
  const plan = (s: AppState) => {
    cancel?.();
    cancel = schedule(() => {
      cancel = null;
      // Read when idle: a later step has moved the cursor since.
      const now = main.getState();
      if (now.trace !== s.trace || now.cursor !== s.cursor) return;
      warm(now.trace, now.cursor);
      warm(now.compare?.trace, now.cursor);
    });
  };
  plan(main.getState());
  const unsubscribe = main.subscribe((s, prev) => {
    if (s.cursor !== prev.cursor || s.trace !== prev.trace || s.compare !== prev.compare) plan(s);
  });
  return () => {
    unsubscribe();
    cancel?.();
    cancel = null;
  };
}
