/**
 * A read-only mirror of the app store that takes a new step one painted frame late. Every view but
 * the map and the transport reads it (the "This step" panel with the narration and kernel path,
 * the screen reader's announcement, and the details: page tables, device memory, inspector,
 * counters, the physical grid), so a step's first frame holds only the map and the controls that
 * answered the key. Profiled at 262,144 + 262,144 pages, rendering, committing and laying out the
 * details in the step's own task was about a third of the time from the key to the painted frame;
 * the narration's panel was about 3 ms more (the map bench's step → frame: 24.3 ms median with it
 * in the frame, 20.9 ms without, 80 steps each, interleaved). They follow in the task right after
 * that frame is painted, about one frame later.
 *
 * Only a new frame waits, a step's or a newly opened scenario's: opening a 64-page link rendered
 * every panel for the new trace in one task of 48–78 ms on the bench machine (a Chromium trace of
 * the open), 32–36 ms with the details a frame later. Any other change (a selection, a
 * preference, play/pause) is passed on at once, with everything pending, so a click in a detail
 * panel still answers in the same frame.
 * A bulk step's details wait longer, for an idle period no frame ends (idle.ts), behind the
 * next step's frame and scene:
 * its kernel path (589,824 events) and narration took 52–58 and 38–59 ms, and in the first frames
 * of the map's transition they held one frame 100–117 ms (a Chromium trace of the map bench's
 * transitions). They follow when the transition is over.
 * Actions called through the mirror's state are the app store's own (one intent, one write there).
 */
import { createStore } from 'zustand/vanilla';
import { subscribeWithSelector } from 'zustand/middleware';
import type { AppStore } from './createAppStore';
import type { AppState } from './types';
import { longIdle } from './idle';
import { bulkStep } from './prefetch';

/** Runs `fn` once after the next painted frame; returns a cancel. */
export type AfterPaint = (fn: () => void) => () => void;

/**
 * After the next frame has been painted: a frame callback, then a task. A page whose frames do not
 * run (a hidden tab, a test DOM without frames) still gets there by the timeout.
 */
export const afterPaint: AfterPaint = (fn) => {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    fn();
  };
  let inner: ReturnType<typeof setTimeout> | undefined;
  const raf =
    typeof requestAnimationFrame === 'function'
      ? requestAnimationFrame(() => {
          inner = setTimeout(once, 0);
        })
      : 0;
  const fallback = setTimeout(once, 100);
  return () => {
    done = true;
    if (raf && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(raf);
    if (inner !== undefined) clearTimeout(inner);
    clearTimeout(fallback);
  };
};

export interface LaggedStore {
  /** The mirror, to hand to a StoreContext.Provider (read it; act through its state's actions). */
  readonly store: AppStore;
  /** Follow the app store (and catch up now); returns the unsubscribe. */
  connect(): () => void;
}

/** The connected mirrors' flushes: flushLagged() brings every one up to date now. */
const live = new Set<() => void>();

/**
 * Bring every mirror up to date at once (the handout steps through the trace and snapshots the
 * details after two frames: they must show the step it seeked to, not the one before).
 */
export function flushLagged(): void {
  for (const f of live) f();
}

export function laggedStore(
  main: AppStore,
  schedule: AfterPaint = afterPaint,
  /** When a bulk step's details follow: once no frame is due. */
  scheduleBulk: AfterPaint = longIdle('this-step'),
): LaggedStore {
  // zustand keeps what the creator returns for getInitialState(), for good: the app store's first
  // state (no trace), never the state on screen now. Created with main.getState(), the mirror kept
  // the trace that was open when the app started, and its frames, after any other was opened (a
  // heap snapshot of the bench found its two bulk steps' 742,000 kernel events held that way).
  const mirror = createStore<AppState>()(subscribeWithSelector(() => main.getInitialState()));
  mirror.setState(main.getState(), true);
  let cancel: (() => void) | null = null;
  /** Whether the pending flush waits as a bulk step's does. */
  let waitsLong = false;
  const flush = () => {
    cancel?.();
    cancel = null;
    if (mirror.getState() !== main.getState()) mirror.setState(main.getState(), true);
  };
  return {
    // The mirror has the app store's shape and reads; its setState is never called by a view.
    store: mirror,
    connect() {
      flush();
      live.add(flush);
      const unsubscribe = main.subscribe((s, prev) => {
        if (s.frame === prev.frame) {
          flush();
          return;
        }
        // One pending flush takes every frame since; it waits as the latest frame's step would.
        const bulk = bulkStep(s.trace, s.cursor);
        if (cancel && waitsLong === bulk) return;
        cancel?.();
        waitsLong = bulk;
        cancel = (bulk ? scheduleBulk : schedule)(flush);
      });
      return () => {
        live.delete(flush);
        unsubscribe();
        cancel?.();
        cancel = null;
      };
    },
  };
}
