import type { RefObject } from 'react';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Beyond, View } from './bringIntoView';
import {
  beyondEdges,
  clampScroll,
  scrollForStep,
  scrollToShow,
  toScene,
  toScroll,
} from './bringIntoView';
import type { Rect, Scene } from './scene';

/**
 * The same markers: a scroll or a step that leaves them as they were re-renders nothing (the map
 * panel re-rendered on every step and every scrolled frame for an equal list).
 */
const sameEdges = (a: readonly Beyond[], b: readonly Beyond[]): boolean =>
  a.length === b.length &&
  a.every(
    (x, i) =>
      x.edge === b[i]?.edge &&
      x.count === b[i].count &&
      x.first.id === b[i].first.id &&
      x.first.x === b[i].first.x &&
      x.first.y === b[i].first.y,
  );

export const viewOf = (el: HTMLElement): View => ({
  left: el.scrollLeft,
  top: el.scrollTop,
  width: el.clientWidth,
  height: el.clientHeight,
});

/**
 * On every new step, scroll the map so that the step's focus (an object its author named) or else
 * what changed is in view (the whole box if it fits, else the first changed PTE); then report the changes still beyond an edge, kept current as the
 * user scrolls. Until the user moves the map themselves, a new layout of the same step (the panel
 * resized as a lazy view arrived, the phone scale changed) brings the changes back into view: the
 * first scroll of a freshly opened link happens before the page has its final shape.
 */
export function useBringIntoView(
  scroller: RefObject<HTMLDivElement | null>,
  scene: Scene | null,
  cursor: number,
  /** The picture's drawn size over its scene size (1, or less where it is fitted to the width). */
  scale = 1,
  /** The scroll box's size as observed: a new size re-runs the effect (the scene follows width only). */
  box: { readonly width: number; readonly height: number } = { width: 0, height: 0 },
  /** The object the step names as its focus, if it is on the map: shown before the changes. */
  focus: Rect | null = null,
): Beyond[] {
  const [edges, setEdges] = useState<Beyond[]>([]);
  const lastCursor = useRef<number | null>(null);
  const sceneRef = useRef(scene);
  const scaleRef = useRef(scale);
  /** The scroll box as last read where reading is free (a scroll event) or as last scrolled to. */
  const seen = useRef<View | null>(null);
  /** The user scrolled, dragged or keyed the map since this step began: leave it where they put it. */
  const userMoved = useRef(false);
  /** The box's size when the view was last read or set. */
  const seenBox = useRef({ width: -1, height: -1 });

  useLayoutEffect(() => {
    const el = scroller.current;
    sceneRef.current = scene;
    scaleRef.current = scale;
    if (!el || !scene) return;
    const newStep = lastCursor.current !== cursor;
    if (newStep) userMoved.current = false;
    const bring = newStep || !userMoved.current;
    if (bring) lastCursor.current = cursor;
    // Scroll in the frame callback, never in the commit, and read nothing from the DOM there: the
    // box is the observed size and the scroll position the one last seen (a scroll event) or set
    // (our own scrollTo). A read of scrollLeft or clientWidth right after the step's commit forced
    // the layout of everything it wrote, inside the callback (profiled at 262,144 + 262,144 pages:
    // viewOf was the heaviest function of a step); only a step that must scroll pays that, once.
    const raf = requestAnimationFrame(() => {
      // A new box size is a new layout around the map, and it may have moved the scroll position
      // in the box's own pixels with no scroll event: presenter mode zooms the views 1.3×, which
      // keeps the offset on screen and so turns 847 of the box's pixels into 651 (the second
      // process's changed row, scrolled to, was left below the edge). Read it then; a step keeps
      // its box and trusts what was last seen or set.
      const resized = box.width !== seenBox.current.width || box.height !== seenBox.current.height;
      seenBox.current = { width: box.width, height: box.height };
      const was = resized || seen.current === null ? viewOf(el) : seen.current;
      let v: View = box.width > 0 ? { ...was, width: box.width, height: box.height } : was;
      if (bring) {
        const at = focus
          ? scrollToShow(focus, toScene(v, scale))
          : scrollForStep(scene, toScene(v, scale));
        const to = at ? clampScroll(toScroll(at, scale), scene, scale, v) : null;
        if (to && (to.left !== v.left || to.top !== v.top)) {
          el.scrollTo({ left: to.left, top: to.top, behavior: 'instant' });
          v = { ...v, left: to.left, top: to.top };
        }
      }
      seen.current = v;
      const next = beyondEdges(scene, toScene(v, scale));
      setEdges((cur) => (sameEdges(cur, next) ? cur : next));
    });
    return () => {
      cancelAnimationFrame(raf);
    };
  }, [scroller, scene, cursor, scale, box.width, box.height, focus]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    let pending = 0;
    const on = () => {
      // Read in the scroll event, before the frame's callbacks write anything: the layout is clean.
      seen.current = viewOf(el);
      if (pending) return;
      pending = requestAnimationFrame(() => {
        pending = 0;
        const s = sceneRef.current;
        const v = seen.current;
        if (!s || !v) return;
        const next = beyondEdges(s, toScene(v, scaleRef.current));
        setEdges((cur) => (sameEdges(cur, next) ? cur : next));
      });
    };
    // Intent, not the scroll event: our own scrollTo fires that too.
    const moved = () => {
      userMoved.current = true;
    };
    const intents = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const;
    for (const t of intents) el.addEventListener(t, moved, { passive: true });
    el.addEventListener('scroll', on, { passive: true });
    return () => {
      for (const t of intents) el.removeEventListener(t, moved);
      el.removeEventListener('scroll', on);
      cancelAnimationFrame(pending);
    };
  }, [scroller]);
  return edges;
}
