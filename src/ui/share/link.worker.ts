/**
 * The share codec's long jobs, away from the main thread (linkWorker.ts is the page's side):
 * - `payload`: a long custom scenario's link payload (url/encode.ts makePayload: validate,
 *   compact, round-trip, compress; ~50 µs a step);
 * - `read`: a long link's scenario (ingestFragmentSync: inflate, expand, validate; ~1.4 s for
 *   10,000 steps on a busy reference machine).
 * Both answer plain data (one structured clone).
 */
import { ingestFragmentSync } from '../../ingest';
import { makePayload } from '../../url/encode';
import type { LinkJob } from './linkWorker';

addEventListener('message', (e: MessageEvent<{ readonly id: number; readonly job: LinkJob }>) => {
  const { id, job } = e.data;
  if (job.kind === 'read') {
    postMessage({ id, value: ingestFragmentSync(job.hash) });
    return;
  }
  let payload: ReturnType<typeof makePayload>;
  try {
    payload = makePayload(job.scenario);
  } catch (err) {
    payload = `the link could not be made: ${err instanceof Error ? err.message : String(err)}`;
  }
  postMessage({ id, value: payload });
});
