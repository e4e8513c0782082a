import type { RefObject } from 'react';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Beyond, View } from './bringIntoView';
import { beyondEdges, scrollForStep } from './bringIntoView';
import type { Scene } from './scene';

export const viewOf = (el: HTMLElement): View => ({
  left: el.scrollLeft,
  top: el.scrollTop,
  width: el.clientWidth,
  height: el.clientHeight,
});

/**
 * On every new step, scroll the map so that what changed is in view (the whole box if it fits,
 * else the first changed PTE); then report the changes still beyond an edge, kept current as the
 * user scrolls.
 */
export function useBringIntoView(
  scroller: RefObject<HTMLDivElement | null>,
  scene: Scene | null,
  cursor: number,
): Beyond[] {
  const [edges, setEdges] = useState<Beyond[]>([]);
  const lastCursor = useRef<number | null>(null);
  const sceneRef = useRef(scene);
  /** The scroll box as last read where reading is free (a frame callback, a scroll event). */
  const seen = useRef<View | null>(null);

  useLayoutEffect(() => {
    const el = scroller.current;
    sceneRef.current = scene;
    if (!el || !scene) return;
    // Decided from the box as last seen: reading it here would force a layout of the step's
    // new marks in the middle of the commit, and the frame lays them out again anyway.
    if (lastCursor.current !== cursor) {
      lastCursor.current = cursor;
      const v = seen.current ?? viewOf(el);
      const to = scrollForStep(scene, v);
      if (to) {
        el.scrollTo({ left: to.left, top: to.top, behavior: 'instant' });
        seen.current = { ...v, ...to };
      }
    }
    // After this frame's layout (the scroll above), never as a render cascade.
    const raf = requestAnimationFrame(() => {
      seen.current = viewOf(el);
      setEdges(beyondEdges(scene, seen.current));
    });
    return () => {
      cancelAnimationFrame(raf);
    };
  }, [scroller, scene, cursor]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    let pending = 0;
    const on = () => {
      if (pending) return;
      pending = requestAnimationFrame(() => {
        pending = 0;
        seen.current = viewOf(el);
        const s = sceneRef.current;
        if (s) setEdges(beyondEdges(s, seen.current));
      });
    };
    el.addEventListener('scroll', on, { passive: true });
    return () => {
      el.removeEventListener('scroll', on);
      cancelAnimationFrame(pending);
    };
  }, [scroller]);
  return edges;
}
