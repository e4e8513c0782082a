/**
 * A long scenario file, read away from the main thread: decoding, JSON and the schema for 10,000
 * steps held the page for ~0.5 s (issue 12). The file arrives (a Blob, read here), the answer
 * goes back as text (ingestWire.ts), in slices: the page took 93 ms to receive a 100,000-step
 * file's text whole (bench/longtask.bench.ts --profile).
 */
import { postSlicedNow } from '../wire/sliced';
import { readBlob } from './ingestWire';

// The page sends the file itself (a Blob): its bytes are read here, not on the page (fileIO.ts).
addEventListener('message', (e: MessageEvent<Blob>) => {
  void readBlob(e.data).then((r) => {
    postSlicedNow(self, r);
  });
});
