/**
 * The map's scenes, one per frame, laid out when first asked for: by the view at a step, or ahead
 * of it, in idle time, for the step the user is likely to take next (warmScene). A scene depends
 * only on its frame, the frame before it, the width, the zoom, the pinned selection and presenter
 * mode, so one laid out ahead is the one the step would have laid out. At 262,144 + 262,144 pages
 * its layout and diff were 2–3 ms of the step's task on the bench machine; laid out ahead, the
 * step → frame median fell by 0.5–1.1 ms (two interleaved runs of 80 steps: the frame's style,
 * layout and paint of the new marks stay).
 */
import type { Frame } from '../../model';
import type { Selection } from '../../store/types';
import { diffFrames } from './diff';
import { layoutMap } from './layout';
import type { Scene } from './scene';

/** What a scene was laid out for: a scene is reused only when every part is the same. */
interface Inputs {
  readonly prev: Frame | undefined;
  readonly width: number;
  readonly zoom: number;
  readonly pinned: Selection | null;
  readonly roomy: boolean;
}

interface Entry extends Omit<Inputs, 'prev'> {
  /**
   * The frame before, held weakly. Held strongly, each entry kept its frame's predecessor alive,
   * and with it that frame's entry: a chain back to the first frame shown, every state and every
   * kept event of each step visited (about 190 MB after the bench's walk through the big machine,
   * whose major GCs then paused the main thread for 60–120 ms).
   */
  readonly prev: WeakRef<Frame> | undefined;
  readonly scene: Scene;
  /** What laying it out cost (ms), wherever that ran. */
  readonly ms: number;
}

/** Keyed by the frame: a frame the trace lets go takes its scene with it. */
const SCENES = new WeakMap<Frame, Entry>();

/** The layout cost of the scene last shown, for the bench (data-layout-ms on the map's svg). */
export const layoutTiming = { ms: 0 };

/** A collected frame before reads as undefined: it must not match a scene asked with none. */
const samePrev = (e: Entry, i: Inputs): boolean =>
  e.prev === undefined ? i.prev === undefined : i.prev !== undefined && e.prev.deref() === i.prev;

const same = (e: Entry, i: Inputs): boolean =>
  samePrev(e, i) &&
  e.width === i.width &&
  e.zoom === i.zoom &&
  e.pinned === i.pinned &&
  e.roomy === i.roomy;

function entryFor(frame: Frame, i: Inputs): Entry {
  const known = SCENES.get(frame);
  if (known && same(known, i)) return known;
  const changes = diffFrames(i.prev, frame);
  const t0 = performance.now();
  const scene = layoutMap(
    frame,
    changes,
    { width: i.width },
    i.zoom,
    i.prev
      ? { prev: i.prev, selection: i.pinned, roomy: i.roomy }
      : { selection: i.pinned, roomy: i.roomy },
  );
  const entry: Entry = {
    ...i,
    prev: i.prev && new WeakRef(i.prev),
    scene,
    ms: performance.now() - t0,
  };
  SCENES.set(frame, entry);
  return entry;
}

/** The scene of `frame` (after `i.prev`), laid out now unless it was already. */
export function sceneOf(frame: Frame, i: Inputs): Scene {
  const e = entryFor(frame, i);
  layoutTiming.ms = e.ms;
  return e.scene;
}

/** Lay out the scene of `frame` ahead of the step that will show it (nothing on screen changes). */
export function warmScene(frame: Frame, i: Inputs): void {
  entryFor(frame, i);
}
