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
  readonly children?: readonly number[];
}
export interface Profile {
  /** When sampling started, in the trace's clock (µs), so samples line up with trace events. */
  readonly startTime: number;
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

const nameOf = (f: CallFrame): string => {
  const file = f.url.slice(f.url.lastIndexOf('/') + 1) || '(native)';
  return `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
};

/**
 * The call path that held the samples taken between `fromUs` and `toUs` (trace clock): from the
 * root, each step down goes to the child that holds the most of them, while it holds at least
 * a fifth of the window's work. Names what one long task was busy with, which the phase's
 * self-time table cannot (a message handler's deserialisation, a store write's render...).
 */
export function heaviestPath(profile: Profile, fromUs: number, toUs: number): Profiled[] {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const frame = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  // Inclusive time per node over the window: each sample counts for its node and its ancestors.
  const held = new Map<number, number>();
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    const us = profile.timeDeltas[i + 1] ?? 0;
    if (t < fromUs || t >= toUs || NOT_WORK.has(frame.get(id)?.functionName ?? '')) return;
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n))
      held.set(n, (held.get(n) ?? 0) + us);
  });
  const root = profile.nodes[0];
  const total = root === undefined ? 0 : (held.get(root.id) ?? 0);
  const path: Profiled[] = [];
  for (let node = root; node !== undefined;) {
    let best: ProfileNode | undefined;
    for (const c of node.children ?? []) {
      const child = profile.nodes.find((n) => n.id === c);
      if (child && (held.get(c) ?? 0) > (best ? (held.get(best.id) ?? 0) : 0)) best = child;
    }
    if (best === undefined || (held.get(best.id) ?? 0) < total / 5) break;
    // A recursive walk (React's commit, a tree decode) shows once, at its outermost call.
    const name = nameOf(best.callFrame);
    if (!path.some((f) => f.name === name))
      path.push({ name, where: '', selfMs: (held.get(best.id) ?? 0) / 1000 });
    node = best;
  }
  return path;
}

/** Starts sampling the page's main thread every 100 µs; stop() returns the heaviest functions. */
export async function startProfile(
  page: Page,
  top = 10,
): Promise<{ stop(): Promise<{ heaviest: Profiled[]; profile: Profile }> }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  return {
    async stop() {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
      await cdp.detach();
      return { heaviest: heaviest(profile, top), profile };
    },
  };
}
