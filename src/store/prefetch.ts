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
import type { AppStore } from './createAppStore';
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

function warm(trace: Trace | undefined, cursor: number, moved: number): void {
  if (!trace) return;
  for (const i of neighbours(cursor, trace.length, moved)) trace.frame(i);
}

/** Keep the neighbours of the cursor computed, in both traces on screen; returns the unsubscribe. */
export function prefetchNeighbours(main: AppStore, schedule: WhenIdle = whenIdle): () => void {
  let cancel: (() => void) | null = null;
  const plan = (moved: number) => {
    cancel?.();
    cancel = schedule(() => {
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
