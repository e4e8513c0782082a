/**
 * A long custom scenario's link payload (url/encode.ts makePayload: validate, compact, round-trip,
 * compress), away from the main thread: the document arrives, its payload or the reason it has
 * none goes back. linkPayload.ts primes the main thread's cache with it.
 */
import type { Scenario } from '../../scenarios';
import { makePayload } from '../../url/encode';

addEventListener(
  'message',
  (e: MessageEvent<{ readonly id: number; readonly scenario: Scenario }>) => {
    const { id, scenario } = e.data;
    let payload: ReturnType<typeof makePayload>;
    try {
      payload = makePayload(scenario);
    } catch (err) {
      payload = `the link could not be made: ${err instanceof Error ? err.message : String(err)}`;
    }
    postMessage({ id, payload });
  },
);
