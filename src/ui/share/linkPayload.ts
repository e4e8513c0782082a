/**
 * The link of a long custom scenario is made in a worker (link.worker.ts): making it validates,
 * compacts, round-trips and compresses the whole document, ~50 µs a step on the reference machine,
 * so a 10,000-step import held the main thread ~500 ms just to update the address bar (issue 12).
 * Until the worker answers, fragmentFor says the link is pending, and whoever needs it waits on
 * `whenPayload` or re-renders on `subscribePayloads`.
 */
import type { Scenario } from '../../scenarios';
import type { Payload } from '../../url/encode';
import type { Codec } from './codec';

/** Steps above which the payload is made off the main thread (128 steps ≈ 6 ms on this thread). */
export const LINK_WORKER_STEPS = 128;

type Spawn = () => Worker;

const spawnLinkWorker: Spawn = () =>
  new Worker(new URL('./link.worker.ts', import.meta.url), { type: 'module', name: 'link' });

const jobs = new WeakMap<Scenario, Promise<void>>();
const listeners = new Set<() => void>();
let version = 0;
let worker: Worker | null = null;
let seq = 0;
const waiting = new Map<
  number,
  { resolve: (p: Payload | string) => void; reject: (e: Error) => void }
>();

/** Re-render hooks (useSyncExternalStore) when a payload arrives. */
export function subscribePayloads(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
export const payloadVersion = (): number => version;

/** Does this document's link wait for the worker (long, not made yet)? */
export function needsWorker(codec: Codec, scenario: Scenario): boolean {
  return (
    scenario.steps.length > LINK_WORKER_STEPS &&
    !codec.hasPayload(scenario) &&
    typeof Worker !== 'undefined'
  );
}

function ask(spawn: Spawn, scenario: Scenario): Promise<Payload | string> {
  return new Promise((resolve, reject) => {
    const w = (worker ??= spawn());
    const id = ++seq;
    waiting.set(id, { resolve, reject });
    w.onmessage = (e: MessageEvent<{ id: number; payload: Payload | string }>) => {
      const job = waiting.get(e.data.id);
      waiting.delete(e.data.id);
      job?.resolve(e.data.payload);
    };
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      w.terminate();
      worker = null;
      const failed = new Error(e.message || 'the link worker failed');
      for (const job of waiting.values()) job.reject(failed);
      waiting.clear();
    };
    w.postMessage({ id, scenario });
  });
}

/**
 * Make `scenario`'s payload in the worker (once per document object) and prime the codec's cache
 * with it. Never rejects: a worker that fails leaves the payload to be made here, as before.
 */
export function whenPayload(codec: Codec, scenario: Scenario, spawn: Spawn = spawnLinkWorker) {
  let job = jobs.get(scenario);
  if (job === undefined) {
    job = ask(spawn, scenario).then(
      (payload) => {
        codec.primePayload(scenario, payload);
      },
      () => {
        // The worker could not answer: the next fragmentFor makes it on this thread.
        codec.primePayload(scenario, codec.makePayload(scenario));
      },
    );
    job = job.finally(() => {
      version += 1;
      for (const fn of listeners) fn();
    });
    jobs.set(scenario, job);
  }
  return job;
}
