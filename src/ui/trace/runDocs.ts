/**
 * What the trace worker does with a run request (trace.worker.ts wires it to its messages): run
 * each document with the model into a checkpointed trace, frame by frame, reporting progress at
 * most every PROGRESS_MS, and reply with every outcome as parts the app rebuilds (protocol.ts).
 */
import { emptyTrace, loadEra, traceScenario } from '../../model';
import type { RunRequest, WorkerOutcome, WorkerReply } from './protocol';
import { PROGRESS_MS } from './protocol';

export async function runDocs(
  req: RunRequest,
  post: (m: WorkerReply) => void,
  now: () => number,
): Promise<void> {
  const outcomes: WorkerOutcome[] = [];
  let frames = 0;
  let last = now();
  for (const doc of req.docs) {
    try {
      await loadEra(doc.era);
      const trace = emptyTrace(doc.era);
      for (const frame of traceScenario(doc)) {
        trace.append(frame);
        frames += 1;
        const t = now();
        if (t - last >= PROGRESS_MS) {
          last = t;
          post({ type: 'progress', id: req.id, frames });
        }
      }
      outcomes.push({ ok: true, era: doc.era, chunk: trace.chunkSince(0, 0) });
    } catch (e) {
      outcomes.push({ ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  }
  post({ type: 'done', id: req.id, outcomes });
}
