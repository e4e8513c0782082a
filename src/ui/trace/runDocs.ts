/**
 * What the trace worker does with a run request (trace.worker.ts wires it to its messages): run
 * each document with the model into a checkpointed trace, frame by frame, and stream it: every
 * PROGRESS_MS (or CHUNK_FRAMES frames) a message with the progress and the frames computed since
 * the last one, so no message is long to receive; the checkpoint states go through one
 * GraphSender, so a node sent once is never sent again (graphWire.ts). Then one reply per run.
 */
import type { CheckpointedTrace, StepRecord } from '../../model';
import { emptyTrace, loadEra, packEvents, traceScenario } from '../../model';
import { GraphSender } from './graphWire';
import type { RunRequest, WireChunk, WireRecord, WorkerOutcome, WorkerReply } from './protocol';
import { fromJsonText } from '../wire/jsonText';
import { tenured } from '../wire/tenured';
import { CHUNK_FRAMES, EAGER_FRAMES, MESSAGE_NODES, PROGRESS_MS } from './protocol';

/**
 * The frames of `trace` from `from` on, as a message carries them, and the batches of nodes that
 * go ahead of it when it holds more new ones than one message should. A heavy step's kept events
 * travel in the record as their packed data (model kernel_events.ts): four typed arrays and a
 * table of calls, which the page receives as copies of their buffers, never as an object per
 * event (73,728 of them for a write of 8,192 pages took 150–200 ms to clone as objects).
 */
function wireChunk(
  trace: CheckpointedTrace,
  from: number,
  pairs: number,
  graph: GraphSender,
): { readonly batches: readonly (readonly unknown[])[]; readonly chunk: WireChunk } {
  const { checkpoints, records, ...rest } = trace.chunkSince(from, pairs);
  const graphs = graph.encodeBounded(
    checkpoints.map((c) => c.state),
    MESSAGE_NODES,
  );
  return {
    batches: graphs.batches,
    chunk: {
      ...rest,
      records: records.map(wireRecord),
      checkpoints: { index: checkpoints.map((c) => c.index), states: graphs.root },
    },
  };
}

/** A record as it travels: a light one as it is (its events undefined), a heavy one packed. */
const wireRecord = (r: StepRecord): WireRecord =>
  r.events ? { ...r, events: packEvents(r.events).data } : (r as Omit<StepRecord, 'events'>);

export async function runDocs(
  req: RunRequest,
  post: (m: WorkerReply) => void,
  now: () => number,
): Promise<void> {
  const outcomes: WorkerOutcome[] = [];
  const graph = new GraphSender();
  let frames = 0;
  for (const [doc, input] of req.docs.map(fromJsonText).entries()) {
    try {
      await loadEra(input.era);
      const trace = emptyTrace(input.era);
      let sent = 0;
      let pairs = 0;
      let last = now();
      const flush = () => {
        const { batches, chunk } = wireChunk(trace, sent, pairs, graph);
        // Everything these carry stays on the page for the run: received as old objects
        // (wire/tenured.ts), no minor GC copies them.
        for (const nodes of batches) post(tenured({ type: 'nodes', id: req.id, nodes }));
        post(tenured({ type: 'progress', id: req.id, frames, doc, era: input.era, chunk }));
        sent = trace.length;
        pairs = trace.callPairs;
        last = now();
      };
      for (const frame of traceScenario(input)) {
        trace.append(frame);
        frames += 1;
        // The first frames go one message each: the document goes on screen with them even when
        // its next step is a long one (a 65,536-page write after spawn and mmap).
        if (
          trace.length <= EAGER_FRAMES ||
          trace.length - sent >= CHUNK_FRAMES ||
          now() - last >= PROGRESS_MS
        )
          flush();
      }
      if (trace.length > sent) flush();
      outcomes.push({ ok: true });
    } catch (e) {
      outcomes.push({ ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  }
  post({ type: 'done', id: req.id, outcomes });
}
