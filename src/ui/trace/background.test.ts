import { describe, expect, it, vi } from 'vitest';
import { getBuiltin } from '../../scenarios/library/all';
import type { ScenarioDoc } from '../../store/model';
import { workerBackground } from './background';
import type { RunRequest, WorkerReply } from './protocol';
import { runDocs } from './runDocs';
import { receiveSliced } from '../wire/sliced';

const fork = getBuiltin('fork-cow-device-private') as ScenarioDoc;

/** A worker that answers a run with runDocs' replies, delivered only when the test says. */
function fakeWorker() {
  const replies: WorkerReply[] = [];
  // As trace.worker.ts receives a run: a long document's text in slices ahead of it.
  const inbox = receiveSliced((req: RunRequest) => {
    void runDocs(
      req,
      (m) => replies.push(structuredClone(m)),
      () => 0,
    );
  });
  const w = {
    onmessage: null as ((e: MessageEvent<WorkerReply>) => void) | null,
    onerror: null,
    onmessageerror: null,
    terminated: 0,
    terminate() {
      w.terminated += 1;
    },
    postMessage(data: unknown) {
      inbox({ data: structuredClone(data) } as MessageEvent);
    },
    deliver(m: WorkerReply) {
      w.onmessage?.({ data: m } as MessageEvent<WorkerReply>);
    },
  };
  return { w, replies };
}

describe('workerBackground (the page side of the trace worker)', () => {
  it('reports progress in a task after the chunk’s, once for the chunks that came meanwhile', async () => {
    vi.useFakeTimers();
    try {
      const { w, replies } = fakeWorker();
      let spawned = 0;
      const bg = workerBackground(() => {
        spawned += 1;
        return w as unknown as Worker;
      });
      const progress: number[] = [];
      const job = bg.start([fork], (n) => {
        progress.push(n);
      });
      await vi.waitFor(() => {
        expect(replies.at(-1)?.type).toBe('done');
      });
      const chunks = replies.filter((m) => m.type === 'progress');
      expect(chunks.length).toBeGreaterThan(2);
      // The first chunk arrives: its frames are received, the store write waits for its own task.
      const [first, second, ...rest] = chunks;
      if (!first || !second) return;
      w.deliver(first);
      expect(job.firstFrames?.()).toBe(first.frames);
      expect(progress).toEqual([]);
      vi.runAllTimers();
      expect(progress).toEqual([first.frames]);
      // Two chunks before the task runs: one report, of the newest count.
      w.deliver(second);
      for (const m of rest) w.deliver(m);
      expect(progress).toEqual([first.frames]);
      vi.runAllTimers();
      expect(progress).toEqual([first.frames, chunks.at(-1)?.frames]);
      expect(w.terminated).toBe(0);
      w.deliver(replies.at(-1) as WorkerReply);
      const [out] = await job.done;
      expect(out?.ok && out.trace.length).toBe(fork.steps.length + 1);
      // The finished run's worker is gone with its heap; the next run spawns another.
      expect(w.terminated).toBe(1);
      bg.start([fork], () => undefined);
      expect(spawned).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
