/**
 * Where the app runs a document too heavy for the main thread: a module Web Worker
 * (trace.worker.ts). Light documents (every built-in) still run in the call that opens them, so a
 * step of the library never waits for a worker to start; anything whose estimated work could hold
 * the main thread past a few frames goes to the worker, with progress and a Cancel
 * (src/ui/trace/LoadingBar.tsx) while the scenario on screen stays.
 */
import { estimateCost, STEP_UNITS } from '../../scenarios/cost';
import type { BackgroundRunner, ScenarioDoc, TraceOutcome } from '../../store/model';
import type { CheckpointedTrace, Checkpoint, KernelState, StepRecord, Trace } from '../../model';
import { PackedEvents, emptyTrace, isEraLoaded, loadEra } from '../../model';
import { GraphReceiver } from './graphWire';
import type { RunRequest, WireRecord, WorkerOutcome, WorkerReply } from './protocol';
import { toJsonText } from '../wire/jsonText';
import { postSliced } from '../wire/sliced';

/**
 * The main thread's side of one run: each chunk is appended to its document's trace as it arrives
 * (a few ms a message, never one long task at the end); the outcomes are the traces.
 */
export function receiver(docs: readonly ScenarioDoc[] = []) {
  const graph = new GraphReceiver();
  const traces: CheckpointedTrace[] = [];
  return {
    /** Frames of document `doc` received so far. */
    frames(doc: number): number {
      return traces[doc]?.length ?? 0;
    },
    /** Document `doc`'s frames so far as a trace that stays as it is (model prefix). */
    prefix(doc: number): Trace | null {
      const t = traces[doc];
      return t && t.length > 0 ? t.prefix() : null;
    },
    /** Nodes (of states) a later chunk refers to (protocol.ts MESSAGE_NODES). */
    nodes(m: Extract<WorkerReply, { type: 'nodes' }>): void {
      graph.take(m.nodes);
    },
    chunk(m: Extract<WorkerReply, { type: 'progress' }>): void {
      const t = (traces[m.doc] ??= emptyTrace(m.era));
      const states = graph.decode(m.chunk.checkpoints.states) as KernelState[];
      const checkpoints: Checkpoint[] = m.chunk.checkpoints.index.map((index, k) => ({
        index,
        state: states[k] as KernelState,
      }));
      const steps = docs[m.doc]?.steps;
      // The records are this side's own copies (the message's clone), rebuilt in place: a new
      // object per record was one more young object that survives (wire/tenured.ts).
      const records = m.chunk.records as unknown as Received[];
      for (const r of records) {
        // The kept events' packed data (runDocs.ts wireChunk), read through PackedEvents.
        const data = (r as unknown as WireRecord).events;
        if (data) r.events = new PackedEvents(data);
        if (steps) takeOwnStep(r, steps);
      }
      t.appendChunk({ ...m.chunk, records, checkpoints });
    },
    /** The outcomes, each trace's era image loaded (a frame replays with it). */
    async done(outcomes: readonly WorkerOutcome[]): Promise<TraceOutcome[]> {
      return Promise.all(
        outcomes.map(async (o, k): Promise<TraceOutcome> => {
          if (!o.ok) return o;
          const t = traces[k];
          if (!t) return { ok: false, error: 'The trace worker sent no frames.' };
          await loadEra(t.era);
          return { ok: true, trace: t };
        }),
      );
    },
  };
}

/** A record as the message's clone holds it: this side's own, to rebuild in place. */
type Received = { -readonly [K in keyof StepRecord]: StepRecord[K] };

/**
 * The received record takes the step it ran from the document this side already holds: its op
 * and note arrived as copies of that very step (the worker runs the same text), and a long trace
 * kept one more object per step for them (the structured clone's copy).
 */
function takeOwnStep(r: Received, steps: ScenarioDoc['steps']): void {
  const s = r.index > 0 ? steps[r.index - 1] : undefined;
  if (!s) return;
  r.op = s;
  r.note = s.note ?? null;
}

export const HEAVY_STEPS = 128;
/**
 * Above this many units of work (src/scenarios/cost.ts: one page through the fault path, ~35–50 µs
 * on the 2-core reference machine, and STEP_UNITS for every step) or HEAVY_STEPS steps, a document
 * runs in the worker. 256 units of pages as before, plus the fixed cost of the HEAVY_STEPS steps
 * that stay on the page anyway (issue 12 made the budget count it): ~30–40 ms of model time. The
 * largest built-in is 265 units (selftest-migrate-multiple-coherent, 20 steps).
 */
export const HEAVY_UNITS = 256 + HEAVY_STEPS * STEP_UNITS;

export function isHeavy(doc: ScenarioDoc): boolean {
  return doc.steps.length > HEAVY_STEPS || estimateCost(doc).units > HEAVY_UNITS;
}

type Spawn = () => Worker;

const spawnTraceWorker: Spawn = () =>
  new Worker(new URL('./trace.worker.ts', import.meta.url), { type: 'module', name: 'trace' });

export function workerBackground(spawn: Spawn = spawnTraceWorker): BackgroundRunner {
  let worker: Worker | null = null;
  let seq = 0;
  const stop = (w: Worker) => {
    w.terminate();
    if (worker === w) worker = null;
  };
  return {
    heavy: isHeavy,
    start(docs, progress) {
      const id = ++seq;
      const w = (worker ??= spawn());
      const into = receiver(docs);
      // The progress report (a store write, which renders the app) runs in a task of its own
      // after the chunk's: receiving a chunk and rendering it were one task of up to ~100 ms;
      // chunks that arrive before it runs are reported once.
      let frames = 0;
      let due = false;
      const report = () => {
        due = false;
        progress(frames);
      };
      const done = new Promise<readonly TraceOutcome[]>((resolve, reject) => {
        w.onmessage = (e: MessageEvent<WorkerReply>) => {
          const m = e.data;
          if (m.id !== id) return;
          if (m.type === 'nodes') into.nodes(m);
          else if (m.type === 'progress') {
            into.chunk(m);
            frames = m.frames;
            if (!due) {
              due = true;
              setTimeout(report, 0);
            }
          } else {
            // Done: the worker's heap still holds the run's garbage (~166 MB committed after
            // the map bench's big machine), which V8 would give back later in a memory-reducing
            // collection of ~45 ms, on one of the two cores the page's frames need. A run
            // starts a fresh worker; its module is cached.
            stop(w);
            resolve(into.done(m.outcomes));
          }
        };
        w.onerror = (e: ErrorEvent) => {
          e.preventDefault();
          stop(w);
          reject(new Error(e.message || 'the trace worker failed'));
        };
        w.onmessageerror = () => {
          stop(w);
          reject(new Error('the trace could not be received'));
        };
      });
      const req: RunRequest = { type: 'run', id, docs: docs.map(toJsonText) };
      // A long document's text goes ahead in slices, a task each (posting 7 MB whole held the
      // page 130 ms); a worker terminated meanwhile drops them.
      void postSliced(w, req);
      const first = docs[0];
      return {
        done,
        firstFrames: () => into.frames(0),
        // A frame replays with its era's image: none is shown before it is loaded.
        partial: () => (first && isEraLoaded(first.era) ? into.prefix(0) : null),
        cancel() {
          // The worker may be deep in a step: only terminating it stops the work.
          stop(w);
        },
      };
    },
  };
}
