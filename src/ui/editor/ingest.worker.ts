/**
 * A long scenario file, read away from the main thread: decoding, JSON and the schema for 10,000
 * steps held the page for ~0.5 s (issue 12). The bytes arrive, the answer goes back as text
 * (ingestWire.ts).
 */
import { readHere } from './ingestWire';

addEventListener('message', (e: MessageEvent<Uint8Array>) => {
  postMessage(readHere(e.data));
});
