import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { TOUR } from './tourStops';

interface Box {
  readonly left: number;
  readonly top: number;
}

const CARD_W = 300;
const CARD_H = 170;

/** Where the card goes: beside the region if there is room, else over its top-left corner. */
function placeNear(r: DOMRect): Box {
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const right = r.right + 8;
  const left =
    right + CARD_W <= vw ? right : r.left - CARD_W - 8 >= 0 ? r.left - CARD_W - 8 : r.left + 8;
  const top = Math.max(4, Math.min(r.top + 8, vh - CARD_H - 4));
  return { left: Math.max(4, Math.min(left, vw - CARD_W - 4)), top };
}

/** A short, non-modal tour: one card per view, the view outlined; Escape or Close ends it. */
export function Tour({ onClose }: { onClose: () => void }) {
  const stops = TOUR.filter((s) => document.querySelector(`[data-testid="${s.target}"]`));
  const [i, setI] = useState(0);
  const card = useRef<HTMLDivElement>(null);
  const stop = stops[i];
  useLayoutEffect(() => {
    if (!stop) return;
    const el = document.querySelector<HTMLElement>(`[data-testid="${stop.target}"]`);
    if (!el) return;
    el.classList.add('tour-target');
    // Placed from the region's box, straight on the card's style: layout, not React state.
    const box = placeNear(el.getBoundingClientRect());
    if (card.current) {
      card.current.style.left = `${box.left}px`;
      card.current.style.top = `${box.top}px`;
    }
    return () => {
      el.classList.remove('tour-target');
    };
  }, [stop]);
  useEffect(() => {
    card.current?.focus();
  }, [i]);
  if (!stop) return null;
  return (
    <div
      ref={card}
      className="tour-card"
      role="dialog"
      aria-label={`Tour, stop ${i + 1} of ${stops.length}: ${stop.title}`}
      tabIndex={-1}
      data-testid="tour"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
        // The tour's own arrows must not also step the scenario.
        if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') e.stopPropagation();
      }}
    >
      <h3>
        {i + 1}/{stops.length} · {stop.title}
      </h3>
      <p>{stop.text}</p>
      <div className="tour-buttons">
        <button
          type="button"
          disabled={i === 0}
          onClick={() => {
            setI(i - 1);
          }}
        >
          Back
        </button>
        {i + 1 < stops.length ? (
          <button
            type="button"
            onClick={() => {
              setI(i + 1);
            }}
          >
            Next stop
          </button>
        ) : null}
        <button type="button" onClick={onClose}>
          {i + 1 < stops.length ? 'Close' : 'Done'}
        </button>
      </div>
    </div>
  );
}
