/**
 * A long scenario file, read away from the main thread: decoding, JSON and the schema for 10,000
 * steps held the page for ~0.5 s (issue 12). The bytes arrive, the answer goes back as text
 * (ingestWire.ts), in slices: the page took 93 ms to receive a 100,000-step file's text whole
 * (bench/longtask.bench.ts --profile).
 */
import { postSlicedNow } from '../wire/sliced';
import { readHere } from './ingestWire';

// The page sends the file itself (a Blob): its bytes are read here, not on the page (fileIO.ts).
addEventListener('message', (e: MessageEvent<Blob>) => {
  void e.data.arrayBuffer().then((b) => {
    postSlicedNow(self, readHere(new Uint8Array(b)));
  });
});
