/**
 * The messages between the app and its trace worker (trace.worker.ts). One run at a time: the app
 * cancels a run by terminating the worker, so a message names its run only to drop strays.
 */
import type { Era, PackedEventsData, StepRecord, TraceChunk } from '../../model';
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
export interface WireChunk extends Omit<TraceChunk, 'checkpoints' | 'records'> {
  /** The records, a heavy step's kept events as their packed data (runDocs.ts wireChunk). */
  readonly records: readonly WireRecord[];
  /** `states` decodes to the checkpoint states. */
  readonly checkpoints: { readonly index: readonly number[]; readonly states: unknown };
}

/** A record as it travels: its kept events, if any, as the data of model PackedEvents. */
export type WireRecord = Omit<StepRecord, 'events'> & { readonly events?: PackedEventsData };

/** How one document ended: its chunks make its trace, or it could not run. */
export type WorkerOutcome = { readonly ok: true } | { readonly ok: false; readonly error: string };

/**
 * Zeros that lift a message over the size V8 deserializes into the old generation (wire/tenured.ts):
 * what the page keeps arrives there, no minor GC copies it.
 */
interface Tenured {
  readonly ballast?: ArrayBuffer;
}

export type WorkerReply =
  /**
   * Frames computed so far, over all the run's documents, with the frames of `doc` (index into the
   * request's docs) computed since the last chunk. Small enough that no message takes long to
   * receive: at most CHUNK_FRAMES frames, sent at least every PROGRESS_MS.
   */
  | (Tenured & {
      readonly type: 'progress';
      readonly id: number;
      readonly frames: number;
      readonly doc: number;
      readonly era: Era;
      readonly chunk: WireChunk;
    })
  /**
   * Nodes ahead of the progress message that refers to them, when its states
   * hold more new nodes than MESSAGE_NODES (graphWire.ts encodeBounded): each batch a task of its own.
   */
  | (Tenured & { readonly type: 'nodes'; readonly id: number; readonly nodes: readonly unknown[] })
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
 * The most new nodes one message carries. A write of 8,192 pages came in one chunk of ~35,000
 * state nodes and 73,728 kept events that held the page 207 ms (bench/open.bench.ts); a batched
 * node carries a reference per child as well: 4,096 nodes is a few milliseconds.
 */
export const MESSAGE_NODES = 4096;
