import { useEffect, useMemo, useRef } from 'react';
import { useApp, useAppApi } from '../../store/context';
import { whenIdle } from '../../store/idle';
import { heavyAhead, whenLongIdle } from '../../store/prefetch';
import { selectCursor, selectFrame, selectPrevFrame, selectSelection } from '../../store/selectors';
import type { Selection } from '../../store/types';
import { sceneOf, warmScene } from './sceneCache';
import type { Scene, Viewport } from './scene';

/** The selection matters to the layout only when it must be broken out of an aggregate. */
const pinnedOf = (sel: Selection | null): Selection | null =>
  sel?.kind === 'pte' || sel?.kind === 'page' ? sel : null;

/**
 * The scene at the cursor, one per frame, width and zoom (sceneCache.ts). The marks always show
 * what the cursor's own step changed (frame i−1 → i), whichever way the user arrived; the renderer
 * animates from whatever was drawn before, so stepping back plays the change in reverse. Once the
 * step is on screen, the next step's scene (the way the user last moved) is laid out in idle time.
 */
export function useMapScene(viewport: Viewport, zoom: number, roomy = false): Scene | null {
  const api = useAppApi();
  const frame = useApp(selectFrame);
  const prev = useApp(selectPrevFrame);
  const cursor = useApp(selectCursor);
  const pinned = pinnedOf(useApp(selectSelection));
  const width = viewport.width;
  const lastCursor = useRef<number | null>(null);
  const scene = useMemo(
    () => (frame ? sceneOf(frame, { prev, width, zoom, pinned, roomy }) : null),
    [frame, prev, width, zoom, pinned, roomy],
  );
  useEffect(() => {
    // The way the user moved (a jump: both ways), as the store's prefetch.ts warms frames: warming
    // the other way too doubled the idle work of a held arrow key.
    const moved = lastCursor.current === null ? 0 : cursor - lastCursor.current;
    lastCursor.current = cursor;
    const ahead =
      moved === 1 ? [cursor + 1] : moved === -1 ? [cursor - 1] : [cursor + 1, cursor - 1];
    // Idle time after this step's frame: the scene the next step will show (a bulk step's, only
    // once no frame of this step's transition is due).
    const wait = heavyAhead(api.getState().trace, ahead) ? whenLongIdle : whenIdle;
    return wait(() => {
      const s = api.getState();
      const trace = s.trace;
      if (s.cursor !== cursor) return;
      for (const next of ahead) {
        const f = next >= 0 ? trace.frame(next) : undefined;
        if (!f) continue;
        const before = next > 0 ? trace.frame(next - 1) : undefined;
        warmScene(f, { prev: before, width, zoom, pinned, roomy });
      }
    });
  }, [api, cursor, width, zoom, pinned, roomy]);
  return scene;
}
