import { useMemo } from 'react';
import { useApp } from '../../store/context';
import { selectFrame, selectPrevFrame, selectSelection } from '../../store/selectors';
import { diffFrames } from './diff';
import { timedLayout } from './timedLayout';
import type { Scene, Viewport } from './scene';

/**
 * The scene at the cursor, memoised per frame, width and zoom. The marks always show what the
 * cursor's own step changed (frame i−1 → i), whichever way the user arrived; the renderer
 * animates from whatever was drawn before, so stepping back plays the change in reverse.
 */
export function useMapScene(viewport: Viewport, zoom: number, roomy = false): Scene | null {
  const frame = useApp(selectFrame);
  const prev = useApp(selectPrevFrame);
  const sel = useApp(selectSelection);
  // The selection matters to the layout only when it must be broken out of an aggregate.
  const pinned = sel?.kind === 'pte' || sel?.kind === 'page' ? sel : null;
  const changes = useMemo(() => (frame ? diffFrames(prev, frame) : []), [prev, frame]);
  return useMemo(
    () =>
      frame
        ? timedLayout(
            frame,
            changes,
            viewport,
            zoom,
            prev ? { prev, selection: pinned, roomy } : { selection: pinned, roomy },
          )
        : null,
    // eslint-disable-next-line react-hooks/exhaustive-deps -- width is what the layout reads
    [frame, prev, changes, viewport.width, zoom, pinned, roomy],
  );
}
