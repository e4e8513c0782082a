/**
 * What the file-ingest worker (ingest.worker.ts) answers, and how the page reads it. A scenario
 * sent as an object is rebuilt on the page by the structured clone, node by node: for 10,000
 * steps that took longer than JSON.parse of the same scenario as text, and the editor then
 * printed it (scenarioText) on the page as well, one long task of ~150 ms under load on every
 * import. The worker sends the read file as JSON text, with the editor's text already printed.
 */
import { ingestFileBytes, type IngestFailure, type IngestSuccess } from '../../ingest';
import { scenarioText } from './docFormat';

/** A read file: the pipeline's answer, and when it is a scenario, the editor's text of it. */
export type FileRead = IngestFailure | (IngestSuccess & { readonly text: string });

export type IngestReply =
  | IngestFailure
  | {
      readonly ok: true;
      /** The IngestSuccess, as JSON text. */
      readonly json: string;
      readonly text: string;
    };

/** Read a file here (a short one, or where the worker could not start). */
export function readHere(bytes: Uint8Array): FileRead {
  const r = ingestFileBytes(bytes);
  return r.ok ? { ...r, text: scenarioText(r.scenario) } : r;
}

/** The worker's answer to a file's bytes. */
export function replyTo(bytes: Uint8Array): IngestReply {
  const r = ingestFileBytes(bytes);
  return r.ok ? { ok: true, json: JSON.stringify(r), text: scenarioText(r.scenario) } : r;
}

/** The page's side: the read file the answer stands for. */
export function readReply(reply: IngestReply): FileRead {
  if (!reply.ok) return reply;
  // The worker ran the whole pipeline on the file: the JSON is an IngestSuccess.
  return { ...(JSON.parse(reply.json) as IngestSuccess), text: reply.text };
}
