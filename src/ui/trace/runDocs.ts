/**
 * What the trace worker does with a run request (trace.worker.ts wires it to its messages): run
 * each document with the model into a checkpointed trace, frame by frame, and stream it: every
 * PROGRESS_MS (or CHUNK_FRAMES frames) a message with the progress and the frames computed since
 * the last one, so no message is long to receive; the checkpoint states go through one
 * GraphSender, so a node sent once is never sent again (graphWire.ts). Then one reply per run.
 */
import type { CheckpointedTrace, KernelEvent, StepRecord } from '../../model';
import { emptyTrace, loadEra, traceScenario } from '../../model';
import { GraphSender } from './graphWire';
import type { RunRequest, WireChunk, WorkerOutcome, WorkerReply } from './protocol';
import { fromJsonText } from '../wire/jsonText';
import { CHUNK_FRAMES, EAGER_FRAMES, MESSAGE_EVENTS, MESSAGE_NODES, PROGRESS_MS } from './protocol';

/** What goes ahead of a chunk: kept events, then checkpoint nodes, in messages of their own. */
interface Ahead {
  readonly events: readonly (readonly KernelEvent[])[];
  readonly nodes: readonly (readonly unknown[])[];
}

/**
 * The records without their kept events when they hold more than one message should carry, the
 * events in batches, and whose they were.
 */
function eventsAhead(records: readonly StepRecord[]): {
  readonly records: readonly StepRecord[];
  readonly batches: readonly (readonly KernelEvent[])[];
  readonly whose?: readonly (readonly [number, number])[];
} {
  let total = 0;
  for (const r of records) total += r.events?.length ?? 0;
  if (total <= MESSAGE_EVENTS) return { records, batches: [] };
  const all: KernelEvent[] = [];
  const whose: [number, number][] = [];
  const light = records.map((r, pos) => {
    if (!r.events || r.events.length === 0) return r;
    whose.push([pos, r.events.length]);
    for (const e of r.events) all.push(e);
    return { ...r, events: undefined };
  });
  const batches: KernelEvent[][] = [];
  for (let i = 0; i < all.length; i += MESSAGE_EVENTS)
    batches.push(all.slice(i, i + MESSAGE_EVENTS));
  return { records: light, batches, whose };
}

/**
 * The frames of `trace` from `from` on, as a message carries them, and what goes ahead of it when
 * it holds more kept events or new checkpoint nodes than one message should.
 */
function wireChunk(
  trace: CheckpointedTrace,
  from: number,
  pairs: number,
  graph: GraphSender,
): { readonly ahead: Ahead; readonly chunk: WireChunk } {
  const { checkpoints, records, ...rest } = trace.chunkSince(from, pairs);
  const states = graph.encodeBounded(
    checkpoints.map((c) => c.state),
    MESSAGE_NODES,
  );
  const events = eventsAhead(records);
  return {
    ahead: { events: events.batches, nodes: states.batches },
    chunk: {
      ...rest,
      records: events.records,
      checkpoints: { index: checkpoints.map((c) => c.index), states: states.root },
      ...(events.whose ? { eventsAhead: events.whose } : {}),
    },
  };
}

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
        const { ahead, chunk } = wireChunk(trace, sent, pairs, graph);
        for (const events of ahead.events) post({ type: 'events', id: req.id, events });
        for (const nodes of ahead.nodes) post({ type: 'nodes', id: req.id, nodes });
        post({ type: 'progress', id: req.id, frames, doc, era: input.era, chunk });
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
