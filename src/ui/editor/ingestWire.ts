/**
 * What the file-ingest worker (ingest.worker.ts) answers, and how the page reads it. A scenario
 * sent as an object is rebuilt on the page by the structured clone, node by node: for 10,000
 * steps that took longer than JSON.parse of the same scenario as text, and the editor then
 * printed it (scenarioText) on the page as well, one long task of ~150 ms under load on every
 * import. The worker sends the editor's text already printed, and what the import notice says
 * (title, step count): the editor analyses its text in its own worker, so the page never parses
 * the document here (JSON.parse of a 100,000-step one is 70-100 ms, a long task of its own).
 */
import { fail, ingestFileBytes, type IngestFailure, type IngestSuccess } from '../../ingest';
import { scenarioText } from './docFormat';

/** A read scenario file: the editor's text of it, and what the import notice says of it. */
export interface ImportedFile {
  readonly ok: true;
  readonly text: string;
  readonly title: string | null;
  readonly steps: number;
}

/** A read file: the pipeline's refusal, or the scenario it read. */
export type FileRead = IngestFailure | ImportedFile;

function imported(r: IngestSuccess): ImportedFile {
  return {
    ok: true,
    text: scenarioText(r.scenario),
    title: r.scenario.title ?? null,
    steps: r.scenario.steps.length,
  };
}

/**
 * Read a file: in the ingest worker (its answer is this read file itself: text and a few plain
 * values clone at once), or here (a short one, or where the worker could not start).
 */
export function readHere(bytes: Uint8Array): FileRead {
  const r = ingestFileBytes(bytes);
  return r.ok ? imported(r) : r;
}

/**
 * A file that cannot be read (moved, deleted or changed on disk since it was picked): said so,
 * never a read that hangs or a rejection nobody hears.
 */
export const UNREADABLE: IngestFailure = fail(
  'damaged',
  'The file could not be read (was it moved or changed after it was picked?).',
);

/** `read` of a file's bytes, or UNREADABLE when they cannot be had. */
export const readBytes = <T>(
  blob: Blob,
  read: (bytes: Uint8Array) => T,
): Promise<T | IngestFailure> =>
  blob.arrayBuffer().then(
    (b) => read(new Uint8Array(b)),
    () => UNREADABLE,
  );

/** Read a file's bytes, then the file; on the page (a short file) and in the ingest worker alike. */
export const readBlob = (blob: Blob): Promise<FileRead> => readBytes(blob, readHere);
