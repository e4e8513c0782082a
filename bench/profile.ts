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

/** What a phase's profile says: its heaviest functions, and those of its longest busy stretch. */
export interface PhaseProfile {
  readonly heaviest: readonly Profiled[];
  /** The longest run of samples with no idle between them: about the phase's longest task. */
  readonly busiest: { readonly ms: number; readonly heaviest: readonly Profiled[] };
}

/**
 * The heaviest functions by self time over samples [from, to): each sample's time goes to the
 * function on top of the stack when it was taken (timeDeltas[i + 1] is how long sample i lasted).
 */
function heaviest(
  profile: Profile,
  top: number,
  from = 0,
  to = profile.samples.length,
): Profiled[] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, Profiled>();
  profile.samples.slice(from, to).forEach((id, j) => {
    const i = from + j;
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

/** The samples [from, to) of the longest stretch with no idle sample, and how long it lasted. */
function busiestStretch(profile: Profile): { from: number; to: number; ms: number } {
  const idle = new Set(
    profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id),
  );
  let best = { from: 0, to: 0, ms: 0 };
  let from = 0;
  let us = 0;
  profile.samples.forEach((id, i) => {
    if (idle.has(id)) {
      from = i + 1;
      us = 0;
      return;
    }
    us += profile.timeDeltas[i + 1] ?? 0;
    if (us / 1000 > best.ms) best = { from, to: i + 1, ms: us / 1000 };
  });
  return best;
}

export function summarize(profile: Profile, top: number): PhaseProfile {
  const b = busiestStretch(profile);
  return {
    heaviest: heaviest(profile, top),
    busiest: { ms: b.ms, heaviest: heaviest(profile, top, b.from, b.to) },
  };
}

/** Starts sampling the page's main thread every 100 µs; stop() says where the time went. */
export async function startProfile(
  page: Page,
  top = 10,
): Promise<{ stop(): Promise<PhaseProfile> }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  return {
    async stop() {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
      await cdp.detach();
      return summarize(profile, top);
    },
  };
}
