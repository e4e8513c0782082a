import { useEffect, useLayoutEffect } from 'react';
import { useApp, useAppApi } from '../store/context';
import { selectCursor, selectTrace } from '../store/selectors';

/**
 * A refresh at 60 Hz. A step whose task has run this long has passed the frame it could have been
 * laid out ahead of: that frame is due the moment the task ends.
 */
export const AHEAD_MS = 1000 / 60;

/** The input events a step starts from (keys, the transport's buttons, the timeline's slider). */
const INPUTS = ['keydown', 'pointerdown', 'input', 'change'] as const;

/**
 * When the current task began its step, as near as the page can tell: the input event that
 * started it, else the store write (a timer's step). Cleared once the task is over.
 */
let taskStart: number | null = null;
/** A layout was forced since the last frame: the next step before that frame leaves it alone. */
let laidOut = false;

function markTask(): void {
  if (taskStart !== null) return;
  taskStart = performance.now();
  setTimeout(() => {
    taskStart = null;
  }, 0);
}

/** Style and layout of the whole page, now (reading a box's position forces both). */
function layOutNow(): void {
  if (document.hidden || laidOut) return;
  if (taskStart !== null && performance.now() - taskStart >= AHEAD_MS) return;
  laidOut = true;
  requestAnimationFrame(() => {
    laidOut = false;
  });
  document.documentElement.getBoundingClientRect();
}

/**
 * Lays the page out as soon as a step's commit is over, rather than in the frame that shows it.
 *
 * Why: a step's key task (the store write, React's commit, the map's D3 join) ends, on average,
 * half a refresh before the next frame begins, and the browser waits idle for that frame; the
 * frame then recalculates style and lays out all the step wrote before it can paint. Done in the
 * wait, that work leaves the frame: measured at 262,144 + 262,144 pages (a Chromium trace of 50
 * steps, bench/map.bench.ts's machine), the step's frame went from 8.7 to 5.3 ms (style 1.4 ms
 * and layout 2.4 ms moved into the key's task) and step → painted frame fell by 2.5–5 ms.
 *
 * Only where there is a wait to fill (bench/longtask.bench.ts measured both):
 * - not once the step's task has run a refresh (a bulk step, a replay from a checkpoint): its
 *   layout stays in the frame's own task rather than lengthen this one past 50 ms;
 * - once per frame: steps that come faster than frames (a scrub, keys pressed in a burst) are
 *   laid out together by their frame, as before, not each on its own.
 *
 * The microtask runs after the whole commit, including the passive effects React flushes at once
 * for a discrete input such as a key, so nothing the step writes comes after it. It renders
 * nothing; it sits anywhere in the shell.
 */
export function LayoutAhead(): null {
  const api = useAppApi();
  const cursor = useApp(selectCursor);
  const trace = useApp(selectTrace);
  useEffect(() => {
    for (const t of INPUTS) window.addEventListener(t, markTask, { capture: true, passive: true });
    const stop = api.subscribe((s, prev) => {
      if (s.cursor !== prev.cursor || s.trace !== prev.trace) markTask();
    });
    return () => {
      stop();
      for (const t of INPUTS) window.removeEventListener(t, markTask, { capture: true });
    };
  }, [api]);
  useLayoutEffect(() => {
    queueMicrotask(layOutNow);
  }, [cursor, trace]);
  return null;
}
