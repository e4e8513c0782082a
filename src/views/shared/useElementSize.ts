import { useLayoutEffect, useState } from 'react';
import type { RefObject } from 'react';
import { flushSync } from 'react-dom';

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** The content-box size of an element, updated by a ResizeObserver. */
export function useElementSize(ref: RefObject<Element | null>): Size {
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = (width: number, height: number) => {
      setSize((s) => (s.width === width && s.height === height ? s : { width, height }));
    };
    if (typeof ResizeObserver === 'undefined') {
      const r = el.getBoundingClientRect();
      update(Math.floor(r.width), Math.floor(r.height));
      return;
    }
    // The first size comes from the observer too, after the browser's own layout of the frame and
    // before its paint (flushSync: the new size is drawn in that frame). A read here laid the
    // whole new page out inside React's commit, 40–90 ms of the boot's longest task.
    const ro = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (!box) return;
      flushSync(() => {
        update(Math.floor(box.width), Math.floor(box.height));
      });
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
    };
  }, [ref]);
  return size;
}
