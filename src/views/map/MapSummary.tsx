import { useEffect, useState } from 'react';
import { afterPaint } from '../../store/lagged';

/**
 * The step's one-line summary over the map, shown one painted frame after the drawing, as the
 * narration is (store/lagged.ts): the key's frame lays out the map and the transport only. Text
 * that changes every step outside a relayout boundary sent each step's layout from the document
 * down (Blink's layout root); measured at 262,144 + 262,144 pages with the summary, the step
 * counter and the slider out of that frame, its style and layout went from 3.0 to 2.1 ms and the
 * frame itself from 4.3 to 3.7 ms (bench/map.bench.ts's walk, 80 steps, interleaved).
 */
export function MapSummary({ text }: { text: string }) {
  const [shown, setShown] = useState(text);
  useEffect(() => {
    if (shown === text) return;
    return afterPaint(() => {
      setShown(text);
    });
  }, [text, shown]);
  return (
    <p className="map-summary" data-testid="map-summary" title={shown}>
      <span className="map-summary-head">This step: </span>
      <span className="map-summary-text">{shown}</span>
    </p>
  );
}
