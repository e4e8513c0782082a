/**
 * The messages between the app and its trace worker (trace.worker.ts). One run at a time: the app
 * cancels a run by terminating the worker, so a message names its run only to drop strays.
 */
import type { Era, TraceChunk } from '../../model';
import type { ScenarioDoc } from '../../store/model';

export interface RunRequest {
  readonly type: 'run';
  readonly id: number;
  readonly docs: readonly ScenarioDoc[];
}

/**
 * What became of one document in the worker: its checkpointed trace as parts (model
 * CheckpointedTrace.chunkSince: light records, the calls and touched lists, the checkpoint states),
 * which the app appends to a trace of its own (emptyTrace(era).appendChunk). No function crosses.
 */
export type WorkerOutcome =
  | { readonly ok: true; readonly era: Era; readonly chunk: TraceChunk }
  | { readonly ok: false; readonly error: string };

export type WorkerReply =
  /** Frames computed so far, over all the run's documents. */
  | { readonly type: 'progress'; readonly id: number; readonly frames: number }
  /**
   * One outcome per document, in order. Checkpoints travel in one message, so the structured
   * clone keeps the states' shared structure (each shares what it did not change with the one
   * before, as immer made it); split over several messages every checkpoint would be a full copy.
   */
  | { readonly type: 'done'; readonly id: number; readonly outcomes: readonly WorkerOutcome[] };

/** How often the worker reports progress, at most. */
export const PROGRESS_MS = 100;
