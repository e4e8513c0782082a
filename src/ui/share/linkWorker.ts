/**
 * The page's side of the link worker (link.worker.ts): one worker, started on first use, answering
 * jobs by id. A worker that fails rejects every job it held and is started again on the next one;
 * callers fall back to doing the job on the page.
 */
import type { IngestFailure, IngestSuccess } from '../../ingest';
import type { Scenario } from '../../scenarios';
import type { Payload } from '../../url/encode';
import type { JsonText } from '../wire/jsonText';
import type { JsonParts } from '../wire/jsonParts';
import { postSliced, receiveSliced } from '../wire/sliced';

export type LinkJob =
  /** The scenario as text: a long one's structured clone held the main thread (wire/jsonText.ts). */
  | { readonly kind: 'payload'; readonly scenario: JsonText<Scenario> }
  | { readonly kind: 'read'; readonly hash: string };

/**
 * A link read in the worker: its scenario as JSON parts the page parses a part a task (its
 * structured clone took 93 ms to arrive for 50,000 steps, bench/longtask.bench.ts --profile).
 */
export type WireIngest =
  IngestFailure | (Omit<IngestSuccess, 'scenario'> & { readonly scenario: JsonParts });

/** What each job answers. */
export interface LinkAnswer {
  payload: Payload | string;
  read: WireIngest;
}

export type SpawnLinkWorker = () => Worker;

export const spawnLinkWorker: SpawnLinkWorker = () =>
  new Worker(new URL('./link.worker.ts', import.meta.url), { type: 'module', name: 'link' });

/** Can this page start workers at all (not in Node tests, not in a browser without them)? */
export const canSpawn = (): boolean => typeof Worker !== 'undefined';

interface Waiting {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

const workers = new Map<SpawnLinkWorker, { worker: Worker; waiting: Map<number, Waiting> }>();
let seq = 0;

export function askLinkWorker<K extends LinkJob['kind']>(
  job: Extract<LinkJob, { kind: K }>,
  spawn: SpawnLinkWorker = spawnLinkWorker,
): Promise<LinkAnswer[K]> {
  return new Promise((resolve, reject) => {
    let entry = workers.get(spawn);
    if (!entry) {
      const worker = spawn();
      const waiting = new Map<number, Waiting>();
      const mine = { worker, waiting };
      worker.onmessage = receiveSliced((m: { id: number; value: unknown }) => {
        const w = waiting.get(m.id);
        waiting.delete(m.id);
        w?.resolve(m.value);
      });
      worker.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        worker.terminate();
        if (workers.get(spawn) === mine) workers.delete(spawn);
        const failed = new Error(e.message || 'the link worker failed');
        for (const w of waiting.values()) w.reject(failed);
        waiting.clear();
      };
      entry = mine;
      workers.set(spawn, entry);
    }
    const id = ++seq;
    entry.waiting.set(id, { resolve, reject });
    // A long document (a payload job's text) goes ahead in slices, a task each (wire/sliced.ts).
    void postSliced(entry.worker, { id, job });
  });
}
