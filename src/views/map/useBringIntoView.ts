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

  useLayoutEffect(() => {
    const el = scroller.current;
    sceneRef.current = scene;
    if (!el || !scene) return;
    if (lastCursor.current !== cursor) {
      lastCursor.current = cursor;
      const to = scrollForStep(scene, viewOf(el));
      if (to) el.scrollTo({ left: to.left, top: to.top, behavior: 'instant' });
    }
    // After this frame's layout (the scroll above), never as a render cascade.
    const raf = requestAnimationFrame(() => {
      setEdges(beyondEdges(scene, viewOf(el)));
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
        const s = sceneRef.current;
        if (s) setEdges(beyondEdges(s, viewOf(el)));
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
