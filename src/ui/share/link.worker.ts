/** The link worker: runs the share codec's long jobs (linkJobs.ts) away from the main thread. */
import { runLinkJob } from './linkJobs';
import type { LinkJob } from './linkWorker';
import { postSlicedNow, receiveSliced } from '../wire/sliced';

// Long texts come and go in slices (wire/sliced.ts): each is a task of its own on the page.
addEventListener(
  'message',
  receiveSliced((m: { readonly id: number; readonly job: LinkJob }) => {
    postSlicedNow(self, { id: m.id, value: runLinkJob(m.job) });
  }),
);
