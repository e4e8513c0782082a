/**
 * The one place the app layers meet the model's trace types. Views and the store import Frame and
 * friends from here, so a change in the model's public surface is absorbed in one file.
 */
import type { Frame, Trace } from '../model';
import type { Scenario } from '../scenarios/schema';

export type { Frame, Frames, StepRecord, Touched, Trace } from '../model';
export type { KernelEvent, KernelEvents, KernelState, Op, StepResult, Violation } from '../model';

/** The scenario document as the store keeps it: a parsed, validated `hmm-scenario/1`. */
export type ScenarioDoc = Scenario;

/**
 * Turns a scenario document into its trace (the app: a checkpointed trace, model
 * checkpointScenario; tests may hand frames). Pure and deterministic; may throw on a bad doc.
 */
export type TraceRunner = (doc: ScenarioDoc) => Trace | readonly Frame[];

/** What became of one document run away from the main thread. */
export type TraceOutcome =
  | { readonly ok: true; readonly trace: Trace | readonly Frame[] }
  | { readonly ok: false; readonly error: string };

/** A run in progress; cancelling it means its outcome is never delivered. */
export interface TraceJob {
  readonly done: Promise<readonly TraceOutcome[]>;
  cancel(): void;
  /** Frames of the first document received so far (cheap: asked on every progress report). */
  firstFrames?(): number;
  /**
   * The first document's frames received so far, as a trace that stays as it is (O(frames): the
   * store asks now and then), or null while none can be shown yet.
   */
  partial?(): Trace | null;
}

/**
 * Runs documents whose work would hold the main thread past a frame (a Web Worker in the app,
 * src/ui/trace). `heavy` decides from the document alone, before any step runs; `start` runs the
 * documents in order and reports the frames computed so far (all documents together).
 */
export interface BackgroundRunner {
  heavy(doc: ScenarioDoc): boolean;
  start(docs: readonly ScenarioDoc[], progress: (frames: number) => void): TraceJob;
}
