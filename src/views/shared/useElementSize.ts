import { useLayoutEffect, useState } from 'react';
import type { RefObject } from 'react';

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
    // Read now, in the commit, though it lays the new page out here: taken from the observer
    // alone (after the frame's layout), the map was painted at boot for a frame or more at width 0
    // (502 px, two nodes) before its own size; and the frame would do that first layout anyway.
    const r = el.getBoundingClientRect();
    update(Math.floor(r.width), Math.floor(r.height));
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (box) update(Math.floor(box.width), Math.floor(box.height));
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
    };
  }, [ref]);
  return size;
}
