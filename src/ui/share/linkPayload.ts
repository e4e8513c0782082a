/**
 * The link of a long custom scenario is made in a worker (link.worker.ts): making it validates,
 * compacts, round-trips and compresses the whole document, ~50 µs a step on the reference machine,
 * so a 10,000-step import held the main thread ~500 ms just to update the address bar (issue 12).
 * Until the worker answers, fragmentFor says the link is pending, and whoever needs it waits on
 * `whenPayload` or re-renders on `subscribePayloads`.
 */
import type { Scenario } from '../../scenarios';
import type { Codec } from './codec';
import { askLinkWorker, canSpawn, type SpawnLinkWorker } from './linkWorker';
import { toJsonText } from '../wire/jsonText';

/** Steps above which the payload is made off the main thread (128 steps ≈ 6 ms on this thread). */
export const LINK_WORKER_STEPS = 128;

const jobs = new WeakMap<Scenario, Promise<void>>();
const listeners = new Set<() => void>();
let version = 0;

/** Re-render hooks (useSyncExternalStore) when a payload arrives. */
export function subscribePayloads(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
export const payloadVersion = (): number => version;

/** Does this document's link wait for the worker (long, not made yet)? */
export function needsWorker(codec: Codec, scenario: Scenario): boolean {
  return scenario.steps.length > LINK_WORKER_STEPS && !codec.hasPayload(scenario) && canSpawn();
}

/**
 * Make `scenario`'s payload in the worker (once per document object) and prime the codec's cache
 * with it. Never rejects: a worker that fails leaves the payload to be made here, as before.
 */
export function whenPayload(codec: Codec, scenario: Scenario, spawn?: SpawnLinkWorker) {
  let job = jobs.get(scenario);
  if (job === undefined) {
    job = askLinkWorker({ kind: 'payload', scenario: toJsonText(scenario) }, spawn).then(
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
