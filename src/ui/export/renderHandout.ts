/** Step the app through its trace and snapshot one view at every step, for the handout. */
import type { AppStore } from '../../store/createAppStore';
import { flushLagged } from '../../store/lagged';
import type { Frame } from '../../store/model';
import { svgBlob } from './raster';
import { snapshotView } from './exportImage';
import { ALL_VIEWS, viewTargets } from './views';

export interface HandoutPage {
  readonly index: number;
  readonly frame: Frame;
  /** A blob: URL of the SVG picture, or null. */
  readonly image: string | null;
  readonly width: number;
  readonly height: number;
  readonly viewTitle: string;
  readonly problem?: string;
}

/** Two animation frames: React has committed the step and the canvas views have drawn it. */
const painted = () =>
  new Promise<void>((resolve) => {
    requestAnimationFrame(() => {
      requestAnimationFrame(() => {
        resolve();
      });
    });
  });

/** At most this wide on paper: the picture is scaled down to fit, never up. */
const MAX_WIDTH = 640;

export async function renderHandout(
  store: AppStore,
  view: string,
  signal: AbortSignal,
  progress: (done: number, total: number) => void,
): Promise<HandoutPage[]> {
  const { trace, cursor, selection } = store.getState();
  const viewTitle =
    view === ALL_VIEWS ? 'All views' : (viewTargets().find((v) => v.name === view)?.title ?? view);
  const pages: HandoutPage[] = [];
  try {
    for (let index = 0; index < trace.length; index++) {
      if (signal.aborted) break;
      progress(index, trace.length);
      store.getState().seek(index);
      // The details take a step a frame late (store/lagged.ts): the picture needs them now.
      flushLagged();
      // The frame the seek put on screen (a checkpointed trace replays it once, in the store).
      const frame = store.getState().frame;
      if (!frame) break;
      await painted();
      const snap = snapshotView(view);
      if (!snap) {
        pages.push({
          index: frame.index,
          frame,
          image: null,
          width: 0,
          height: 0,
          viewTitle,
          problem: 'the view is not on screen',
        });
        continue;
      }
      const scale = Math.min(1, MAX_WIDTH / snap.width);
      pages.push({
        index: frame.index,
        frame,
        image: URL.createObjectURL(svgBlob(snap)),
        width: Math.round(snap.width * scale),
        height: Math.round(snap.height * scale),
        viewTitle,
      });
    }
  } finally {
    store.getState().seek(cursor, selection);
  }
  progress(trace.length, trace.length);
  if (signal.aborted) {
    for (const p of pages) if (p.image) URL.revokeObjectURL(p.image);
    return [];
  }
  return pages;
}
