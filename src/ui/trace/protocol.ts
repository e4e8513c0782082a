/**
 * The messages between the app and its trace worker (trace.worker.ts). One run at a time: the app
 * cancels a run by terminating the worker, so a message names its run only to drop strays.
 */
import type { ScenarioDoc, TraceOutcome } from '../../store/model';

export interface RunRequest {
  readonly type: 'run';
  readonly id: number;
  readonly docs: readonly ScenarioDoc[];
}

export type WorkerReply =
  /** Frames computed so far, over all the run's documents. */
  | { readonly type: 'progress'; readonly id: number; readonly frames: number }
  /**
   * One outcome per document, in order. The whole trace travels in one message, so the structured
   * clone keeps the frames' shared structure (each state shares what it did not change with the
   * one before, as immer made it); split over several messages every frame would be a full copy.
   */
  | { readonly type: 'done'; readonly id: number; readonly outcomes: readonly TraceOutcome[] };

/** How often the worker reports progress, at most. */
export const PROGRESS_MS = 100;
