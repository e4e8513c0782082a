/**
 * The link worker as the page sees it, without a Worker: each job runs the worker's own code
 * (ui/share/linkJobs.ts) on a structured clone, answered a tick later; or the worker fails.
 */
import { runLinkJob } from '../ui/share/linkJobs';
import type { LinkJob, SpawnLinkWorker } from '../ui/share/linkWorker';
import { postSlicedNow, receiveSliced } from '../ui/wire/sliced';

export function fakeLinkWorker(
  opts: { fail?: boolean; onJob?: (job: LinkJob) => void } = {},
): SpawnLinkWorker {
  return () => {
    const w = {
      onmessage: null as ((e: MessageEvent) => void) | null,
      onerror: null as ((e: ErrorEvent) => void) | null,
      terminate() {},
      postMessage(data: unknown) {
        // Through a structured clone and the slices a long text comes in, as link.worker.ts
        // receives a job and answers it.
        inbox({ data: structuredClone(data) } as MessageEvent);
      },
    };
    const page = {
      postMessage(data: unknown) {
        w.onmessage?.({ data: structuredClone(data) } as MessageEvent);
      },
    };
    const inbox = receiveSliced((m: { id: number; job: LinkJob }) => {
      opts.onJob?.(m.job);
      setTimeout(() => {
        if (opts.fail) w.onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
        else postSlicedNow(page, { id: m.id, value: runLinkJob(m.job) });
      }, 0);
    });
    return w as unknown as Worker;
  };
}
