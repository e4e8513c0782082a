import { useLayoutEffect } from 'react';
import { useApp } from '../store/context';
import { selectCursor, selectTrace } from '../store/selectors';

/** Style and layout of the whole page, now (reading a box's position forces both). */
const layOut = (): void => {
  if (typeof document === 'undefined' || document.hidden) return;
  document.documentElement.getBoundingClientRect();
};

/**
 * Lays the page out as soon as a step's commit is over, rather than in the frame that shows it.
 *
 * Why: a step's key task (the store write, React's commit, the map's D3 join) ends, on average,
 * half a refresh before the next frame begins, and the browser waits idle for that frame; the
 * frame then recalculates style and lays out all the step wrote before it can paint. Done in the
 * wait, that work leaves the frame: measured at 262,144 + 262,144 pages (a Chromium trace of 50
 * steps, bench/map.bench.ts's machine), the step's frame went from 8.7 to 5.3 ms (style 1.4 ms
 * and layout 2.4 ms moved into the key's task) and step → painted frame fell by 2.5–5 ms. A
 * step's total work is unchanged: when its task runs past the frame's start, the frame simply
 * finds the layout done.
 *
 * The microtask runs after the whole commit, including the passive effects React flushes at once
 * for a discrete input such as a key, so nothing the step writes comes after it. It renders
 * nothing; it sits anywhere in the shell.
 */
export function LayoutAhead(): null {
  const cursor = useApp(selectCursor);
  const trace = useApp(selectTrace);
  useLayoutEffect(() => {
    queueMicrotask(layOut);
  }, [cursor, trace]);
  return null;
}
