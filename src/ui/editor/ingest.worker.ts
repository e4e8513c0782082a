/**
 * A long scenario file, read away from the main thread: decoding, JSON and the schema for 10,000
 * steps held the page for ~0.5 s (issue 12). The bytes arrive (transferred), the result goes back.
 */
import { ingestFileBytes } from '../../ingest';

addEventListener('message', (e: MessageEvent<Uint8Array>) => {
  postMessage(ingestFileBytes(e.data));
});
