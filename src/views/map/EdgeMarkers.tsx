import type { RefObject } from 'react';
import type { Beyond } from './bringIntoView';
import { scrollToShow, toScene, toScroll } from './bringIntoView';
import { viewOf } from './useBringIntoView';

const ARROW = { up: '▲', down: '▼', left: '◀', right: '▶' } as const;
const WORD = { up: 'above', down: 'below', left: 'to the left', right: 'to the right' } as const;

/**
 * "▼ 2 changed below": a button on the map's edge that scrolls to them, for the edges in `only`.
 * As a `row` (above and below), the map puts them in one row of their own under the drawing (a
 * marker laid over the drawing covered the very frames and numbers it pointed to, in presenter
 * mode most; one row for both keeps the drawing's height); left and right, where a row would cost
 * the drawing its width, they lie over its side.
 */
export function EdgeMarkers({
  edges,
  only,
  row = false,
  scroller,
  scale,
}: {
  edges: readonly Beyond[];
  only: readonly Beyond['edge'][];
  row?: boolean;
  scroller: RefObject<HTMLDivElement | null>;
  scale: number;
}) {
  // In the order of `only` (above before below).
  const shown = only.flatMap((edge) => edges.filter((e) => e.edge === edge));
  if (shown.length === 0) return null;
  const buttons = (
    <>
      {shown.map((e) => (
        <button
          key={e.edge}
          type="button"
          className={`map-edge edge-${e.edge}`}
          data-testid={`map-edge-${e.edge}`}
          onClick={() => {
            const el = scroller.current;
            if (!el) return;
            const to = toScroll(scrollToShow(e.first, toScene(viewOf(el), scale)), scale);
            el.scrollTo({ left: to.left, top: to.top, behavior: 'instant' });
          }}
        >
          {ARROW[e.edge]} {e.count} changed {WORD[e.edge]}
        </button>
      ))}
    </>
  );
  return row ? (
    <div className="map-edges" data-testid="map-edges">
      {buttons}
    </div>
  ) : (
    buttons
  );
}
