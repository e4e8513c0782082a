import type { CDPSession, Page } from '@playwright/test';

/** One function's share of a sampled phase: its self time and where it is in the built app. */
export interface Profiled {
  readonly name: string;
  readonly where: string;
  readonly selfMs: number;
}

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Idle and the profiler's own bookkeeping are not work the page did. */
const NOT_WORK = new Set(['(idle)', '(program)', '(root)']);

/**
 * The heaviest functions by self time in a profile: each sample's time goes to the
 * function on top of the stack when it was taken (timeDeltas[i + 1] is how long sample i lasted).
 */
function heaviest(profile: Profile, top: number): Profiled[] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, Profiled>();
  profile.samples.forEach((id, i) => {
    const f = byNode.get(id);
    const us = profile.timeDeltas[i + 1] ?? 0;
    if (f === undefined || NOT_WORK.has(f.functionName)) return;
    const file = f.url.slice(f.url.lastIndexOf('/') + 1) || '(native)';
    const where = `${file}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    const name = f.functionName || '(anonymous)';
    const key = `${name} ${where}`;
    const was = self.get(key);
    self.set(key, { name, where, selfMs: (was?.selfMs ?? 0) + us / 1000 });
  });
  return [...self.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, top);
}

/** Starts sampling the page's main thread every 100 µs; stop() returns the heaviest functions. */
export async function startProfile(page: Page, top = 10): Promise<{ stop(): Promise<Profiled[]> }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  return {
    async stop() {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
      await cdp.detach();
      return heaviest(profile, top);
    },
  };
}
