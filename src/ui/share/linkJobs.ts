/**
 * The share codec's long jobs, as the link worker runs them (link.worker.ts wires them to its
 * messages; linkWorker.ts is the page's side):
 * - `payload`: a long custom scenario's link payload (url/encode.ts makePayload: validate,
 *   compact, round-trip, compress; ~50 µs a step);
 * - `read`: a long link's scenario (ingestFragmentSync: inflate, expand, validate; ~1.4 s for
 *   10,000 steps on a busy reference machine).
 * Both answer plain data (one structured clone); a read scenario as JSON parts (wire/jsonParts.ts).
 */
import { ingestFragmentSync } from '../../ingest';
import { makePayload } from '../../url/encode';
import type { LinkAnswer, LinkJob } from './linkWorker';
import { fromJsonText } from '../wire/jsonText';
import { toJsonParts } from '../wire/jsonParts';

export function runLinkJob(job: LinkJob): LinkAnswer[LinkJob['kind']] {
  if (job.kind === 'read') {
    const r = ingestFragmentSync(job.hash);
    return r.ok ? { ...r, scenario: toJsonParts(r.scenario) } : r;
  }
  try {
    return makePayload(fromJsonText(job.scenario));
  } catch (err) {
    return `the link could not be made: ${err instanceof Error ? err.message : String(err)}`;
  }
}
