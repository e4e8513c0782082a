/**
 * The trace worker: runs scenario documents with the model away from the main thread, so a heavy
 * scenario never freezes the page (issue 11: a link within the budget froze the tab for minutes).
 * The app cancels a run by terminating the worker (background.ts).
 */
import { runImmerUnfrozen } from '../../model';
import type { RunRequest } from './protocol';
import { runDocs } from './runDocs';
import { receiveSliced } from '../wire/sliced';

// As on the main thread (main.tsx): frames are never written to, freezing them costs a walk.
runImmerUnfrozen();

// A long document's text arrives in slices ahead of its request (wire/sliced.ts).
addEventListener(
  'message',
  receiveSliced((req: RunRequest) => {
    void runDocs(
      req,
      (m) => {
        postMessage(m);
      },
      () => Date.now(),
    );
  }),
);
