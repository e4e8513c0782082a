/**
 * The step list's sizes, read only after the browser has laid the page out. @tanstack/react-virtual
 * by default reads the scroller's clientHeight and each new row's offsetHeight in React's layout
 * effects: opening a 10,000-step document in the editor made the whole page's layout run inside
 * that commit (41 ms of a 66 ms task, bench/longtask.bench.ts --profile). Here the scroller's box
 * and the rows' heights come from ResizeObservers, which report after the frame's own layout and
 * before it is painted; until then a row is as tall as it was last measured, or the estimate.
 */
import type { Rect, Virtualizer } from '@tanstack/react-virtual';

/** observeElementRect without the read on mount: the first size is the observer's first report. */
export function observeRectAfterLayout<S extends Element, I extends Element>(
  v: Virtualizer<S, I>,
  cb: (rect: Rect) => void,
): (() => void) | undefined {
  const el = v.scrollElement;
  if (!el || typeof ResizeObserver !== 'function') return undefined;
  const observer = new ResizeObserver((entries) => {
    const box = entries[entries.length - 1]?.contentRect;
    if (box) cb({ width: Math.round(box.width), height: Math.round(box.height) });
  });
  observer.observe(el, { box: 'content-box' });
  return () => {
    observer.disconnect();
  };
}

/** measureElement that takes a row's height from its observer's entry, never from the DOM. */
export function measureRowAfterLayout(estimate: number) {
  return <S extends Element, I extends Element>(
    el: I,
    entry: ResizeObserverEntry | undefined,
    v: Virtualizer<S, I>,
  ): number => {
    const box = entry?.borderBoxSize[0];
    if (box) return Math.round(box.blockSize);
    const index = v.indexFromElement(el);
    return v.itemSizeCache.get(v.options.getItemKey(index)) ?? estimate;
  };
}
