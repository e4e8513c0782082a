import { useEffect, useState } from 'react';
import { afterPaint } from '../../store/lagged';

/**
 * The step's one-line summary over the map, shown one painted frame after the drawing, as the
 * narration is (store/lagged.ts): the key's frame lays out the map and the transport only.
 * Why: text that changes on every step outside a relayout boundary made each step's layout start
 * from the document (a Chromium trace of the map bench's steps: one layout root, #document, with
 * 150–350 dirty objects); with the summary here and the step counter and slider as boundaries
 * (transport.css), that layout starts at the map's svg, its scroll box, the counter and the
 * slider. Taken out of that frame together (injected styles, 80 steps interleaved at 262,144 +
 * 262,144 pages), the three cost 0.9 ms of its style and layout and 0.6 ms of its paint.
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
