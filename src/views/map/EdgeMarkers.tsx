import type { RefObject } from 'react';
import type { Beyond } from './bringIntoView';
import { scrollToShow, toScene, toScroll } from './bringIntoView';
import { viewOf } from './useBringIntoView';

const ARROW = { up: '▲', down: '▼', left: '◀', right: '▶' } as const;
const WORD = { up: 'above', down: 'below', left: 'to the left', right: 'to the right' } as const;

/** "▼ 2 changes below": a button on the map's edge that scrolls to them. */
export function EdgeMarkers({
  edges,
  scroller,
  scale,
}: {
  edges: readonly Beyond[];
  scroller: RefObject<HTMLDivElement | null>;
  scale: number;
}) {
  return (
    <>
      {edges.map((e) => (
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
}
