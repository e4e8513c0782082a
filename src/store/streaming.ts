/**
 * A long document on screen before it is computed (issue 12: step 0 within a second of opening a
 * link, whatever its length). The worker streams the first document's frames; the store puts the
 * document on screen with the first ones, then lets its timeline grow. Each growth is a store
 * write and an O(frames) copy of the records (model prefix), so past its first GROW_MIN frames
 * (shown as they come) it grows geometrically: a quarter more each time, at least GROW_MIN frames,
 * and once more when the document is whole: ~30 writes for 100,000 steps, never one per chunk.
 */
import type { Trace, TraceJob } from './model';

export const GROW_MIN = 512;

export interface Stream {
  /** Frames of the document when whole (0: it is not being streamed onto the screen). */
  readonly total: number;
  /** Has the document gone on screen? */
  landed(): boolean;
  /**
   * The document's frames to put on screen now (the first time, or grown enough to be worth a
   * write), or null.
   */
  grow(job: TraceJob): Trace | null;
  /** Record that the document went on screen at `cursor`, asked to show `wanted` (undefined: shown). */
  land(cursor: number, wanted: number | undefined): void;
  /**
   * The step to move to in a trace of `length` frames, if the one asked for has arrived and the
   * reader has not moved since the landing; then it is no longer wanted.
   */
  catchUp(length: number, cursor: number): number | null;
}

/**
 * `landFrom`: frames to wait for before the first landing. A link or a file shows its first
 * frames at once (1); an edit of the document on screen waits for the step the author is on, so
 * the views go from the old document to the new at that step instead of jumping to step 0 and
 * back while the rest is computed.
 */
export function streaming(total: number, landFrom = 1): Stream {
  let shown = 0;
  let onScreen = false;
  let landedAt = 0;
  let wanted: number | undefined;
  return {
    total,
    landed: () => onScreen,
    grow(job) {
      if (total === 0 || !job.firstFrames || !job.partial) return null;
      const n = job.firstFrames();
      if (n === 0 || n === shown || (!onScreen && n < Math.min(landFrom, total))) return null;
      // Below GROW_MIN frames a copy costs nothing: every chunk shows (the first steps, at once).
      const due =
        !onScreen || n >= total || shown < GROW_MIN || n - shown >= Math.max(GROW_MIN, shown / 4);
      if (!due) return null;
      const t = job.partial();
      if (t) shown = t.length;
      return t;
    },
    land(cursor, want) {
      onScreen = true;
      landedAt = cursor;
      wanted = want;
    },
    catchUp(length, cursor) {
      // A reader who moved has chosen their own step.
      if (cursor !== landedAt) wanted = undefined;
      if (wanted === undefined || wanted >= length) return null;
      const at = wanted;
      wanted = undefined;
      return at;
    },
  };
}
