/**
 * The link worker as the page sees it, without a Worker: each job runs the worker's own code
 * (ui/share/linkJobs.ts) on a structured clone, answered a tick later; or the worker fails.
 */
import { runLinkJob } from '../ui/share/linkJobs';
import type { LinkJob, SpawnLinkWorker } from '../ui/share/linkWorker';

export function fakeLinkWorker(
  opts: { fail?: boolean; onJob?: (job: LinkJob) => void } = {},
): SpawnLinkWorker {
  return () => {
    const w = {
      onmessage: null as ((e: MessageEvent) => void) | null,
      onerror: null as ((e: ErrorEvent) => void) | null,
      terminate() {},
      postMessage(m: { id: number; job: LinkJob }) {
        opts.onJob?.(m.job);
        const job = structuredClone(m.job);
        setTimeout(() => {
          if (opts.fail) w.onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
          else
            w.onmessage?.({
              data: { id: m.id, value: structuredClone(runLinkJob(job)) },
            } as MessageEvent);
        }, 0);
      },
    };
    return w as unknown as Worker;
  };
}
