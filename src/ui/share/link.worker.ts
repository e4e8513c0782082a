/** The link worker: runs the share codec's long jobs (linkJobs.ts) away from the main thread. */
import { runLinkJob } from './linkJobs';
import type { LinkJob } from './linkWorker';

addEventListener('message', (e: MessageEvent<{ readonly id: number; readonly job: LinkJob }>) => {
  postMessage({ id: e.data.id, value: runLinkJob(e.data.job) });
});
