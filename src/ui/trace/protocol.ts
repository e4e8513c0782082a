/**
 * The messages between the app and its trace worker (trace.worker.ts). One run at a time: the app
 * cancels a run by terminating the worker, so a message names its run only to drop strays.
 */
import type { Era, KernelEvent, TraceChunk } from '../../model';
import type { ScenarioDoc } from '../../store/model';
import type { JsonText } from '../wire/jsonText';

export interface RunRequest {
  readonly type: 'run';
  readonly id: number;
  /** As text: a long document's structured clone held the main thread (wire/jsonText.ts). */
  readonly docs: readonly JsonText<ScenarioDoc>[];
}

/**
 * A run of frames of one document: its checkpointed trace's parts (model chunkSince: light
 * records, the calls and touched lists) and its checkpoint states, encoded by a GraphSender so
 * that what earlier chunks sent is referenced, not copied (graphWire.ts).
 */
export interface WireChunk extends Omit<TraceChunk, 'checkpoints'> {
  readonly checkpoints: { readonly index: readonly number[]; readonly states: unknown };
  /**
   * Records whose events went ahead in 'events' messages, in order: [position in `records`,
   * how many events]. Absent when every record carries its own.
   */
  readonly eventsAhead?: readonly (readonly [number, number])[];
}

/** How one document ended: its chunks make its trace, or it could not run. */
export type WorkerOutcome = { readonly ok: true } | { readonly ok: false; readonly error: string };

export type WorkerReply =
  /**
   * Frames computed so far, over all the run's documents, with the frames of `doc` (index into the
   * request's docs) computed since the last chunk. Small enough that no message takes long to
   * receive: at most CHUNK_FRAMES frames, sent at least every PROGRESS_MS.
   */
  | {
      readonly type: 'progress';
      readonly id: number;
      readonly frames: number;
      readonly doc: number;
      readonly era: Era;
      readonly chunk: WireChunk;
    }
  /**
   * Checkpoint nodes ahead of the progress message that refers to them, when its states hold
   * more new nodes than MESSAGE_NODES (graphWire.ts encodeBounded): each batch a task of its own.
   */
  | { readonly type: 'nodes'; readonly id: number; readonly nodes: readonly unknown[] }
  /**
   * A heavy step's kept events ahead of its chunk (chunk.eventsAhead says whose), when the chunk
   * holds more than MESSAGE_EVENTS of them: each batch a task of its own.
   */
  | { readonly type: 'events'; readonly id: number; readonly events: readonly KernelEvent[] }
  /** One outcome per document, in order: the run is over. */
  | { readonly type: 'done'; readonly id: number; readonly outcomes: readonly WorkerOutcome[] };

/** How often the worker reports progress (and sends what it computed), at most. */
export const PROGRESS_MS = 100;
/**
 * The most frames one message carries. Fast steps fill a message before PROGRESS_MS passes; 2,048
 * frames took 88 ms median (207 ms max) to clone, decode and append on the main thread, a long
 * task; a quarter of that stays under 50 ms.
 */
export const CHUNK_FRAMES = 512;
/** The first frames of each document are sent as soon as each is computed (store streaming.ts). */
export const EAGER_FRAMES = 16;
/**
 * The most new checkpoint nodes one message carries. A state after a write of 8,192 pages came
 * in one chunk that held the page 56–70 ms to receive (about 2 µs a node, and a batched node
 * carries a reference per child as well): 4,096 nodes is a few milliseconds.
 */
export const MESSAGE_NODES = 4096;
/**
 * The most kept events one message carries. A write of 8,192 pages is a heavy step that keeps its
 * 73,728 events (model checkpoint.ts recordOf): one message of them took 150–200 ms to clone.
 */
export const MESSAGE_EVENTS = 4096;
