import { describe, expect, it } from 'vitest';
import { runScenario } from '../../model';
import { parseScenarioValue, type Scenario } from '../../scenarios';
import { builtinScenarios } from '../../scenarios/library/all';
import { fnv1a, frameDigest, frameDigestAsync, hashedNodeChars, knownDigest } from './digest';

/** One process mapping and writing `pages` pages, then one-page steps that change one PTE each. */
function bigProcess(pages: number): Scenario {
  const base = 0x10000000;
  const parsed = parseScenarioValue({
    schema: 'hmm-scenario/1',
    machine: { ramPages: 2 * pages, physBits: 46 },
    steps: [
      { op: 'spawn', pid: 1 },
      {
        op: 'mmap',
        pid: 1,
        addr: base,
        npages: pages,
        prot: 'rw',
        flags: ['private', 'anonymous'],
      },
      { op: 'write', pid: 1, addr: base, npages: pages, value: 1 },
      { op: 'mprotect', pid: 1, addr: base + 4096 * 7, npages: 1, prot: 'r' },
      { op: 'write', pid: 1, addr: base + 4096 * 9, npages: 1, value: 5 },
      { op: 'mprotect', pid: 1, addr: base + 4096 * 3000, npages: 1, prot: 'none' },
    ],
  });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.scenario;
}

describe('frame digest', () => {
  it('is FNV-1a', () => {
    expect(fnv1a('')).toBe('811c9dc5');
    expect(fnv1a('a')).toBe('e40c292c');
  });
  it('is the same for the same frame and differs between steps', () => {
    const s = builtinScenarios[0];
    if (!s) throw new Error('no built-ins');
    const a = runScenario(s).map(frameDigest);
    const b = runScenario(s).map(frameDigest);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(a.length);
  });
  it('a step that changes one PTE or one page rehashes a few nodes, not the whole process', () => {
    const frames = runScenario(bigProcess(4096));
    const [, , , full, protect, write, far] = frames;
    if (!full || !protect || !write || !far) throw new Error('short trace');
    const before = hashedNodeChars();
    frameDigest(full);
    // 4,096 pages and 4,096 PTEs, every one of them read once.
    const whole = hashedNodeChars() - before;
    expect(whole).toBeGreaterThan(4096 * 2 * 20);
    const digests = new Set([frameDigest(full)]);
    for (const f of [protect, write, far]) {
      const at = hashedNodeChars();
      digests.add(frameDigest(f));
      // The copied leaves (64 entries each) and the nodes above them: a few percent of the state.
      expect(hashedNodeChars() - at).toBeLessThan(whole / 20);
    }
    expect(digests.size).toBe(4);
  });
  it('is the same whether computed at once or in slices, and is cached per frame', async () => {
    const once = runScenario(bigProcess(1024)).map(frameDigest);
    const frames = runScenario(bigProcess(1024));
    expect(frames.map(knownDigest)).toEqual(frames.map(() => undefined));
    const sliced: string[] = [];
    for (const f of frames) sliced.push(await frameDigestAsync(f, undefined, 0));
    expect(sliced).toEqual(once);
    expect(frames.map(knownDigest)).toEqual(once);
  });
  it('stops when its signal is aborted', async () => {
    const frames = runScenario(bigProcess(1024));
    const last = frames.at(-1);
    if (!last) throw new Error('no frames');
    const stop = new AbortController();
    const pending = frameDigestAsync(last, stop.signal, 0);
    stop.abort(new Error('closed'));
    await expect(pending).rejects.toThrow('closed');
    expect(knownDigest(last)).toBeUndefined();
  });
});
