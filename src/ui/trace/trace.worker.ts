/**
 * The trace worker: runs scenario documents with the model away from the main thread, so a heavy
 * scenario never freezes the page (issue 11: a link within the budget froze the tab for minutes).
 * The app cancels a run by terminating the worker (background.ts).
 */
import { runImmerUnfrozen } from '../../model';
import type { RunRequest } from './protocol';
import { runDocs } from './runDocs';

// As on the main thread (main.tsx): frames are never written to, freezing them costs a walk.
runImmerUnfrozen();

addEventListener('message', (e: MessageEvent<RunRequest>) => {
  void runDocs(
    e.data,
    (m) => {
      postMessage(m);
    },
    () => Date.now(),
  );
});
