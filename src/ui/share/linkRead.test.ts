import { describe, expect, it } from 'vitest';
import { ingestFragmentSync } from '../../ingest';
import { parseScenarioValue } from '../../scenarios';
import { encodeFragment } from '../../url/encode';
import { fakeLinkWorker } from '../../test/fakeLinkWorker';
import { codec } from './codec';
import { longScenario } from '../../test/longScenario';
import { MAX_FRAGMENT_CHARS } from '../../url/fragment';
import { LINK_READ_BYTES, LINK_READ_CHARS, readLink } from './linkRead';

/** A custom scenario long enough that its link is read in the worker. */
function longLink(): string {
  const steps: object[] = [{ op: 'spawn', pid: 1 }];
  for (let i = 0; i < 3000; i++) steps.push({ op: 'spawn', pid: 1000 + ((i * 7919) % 100_000) });
  const r0 = parseScenarioValue({
    schema: 'hmm-scenario/1',
    title: 'Many processes',
    era: 'v4.14',
    steps,
  });
  if (!r0.ok) throw new Error(r0.error);
  const r = encodeFragment({ source: { kind: 'custom', scenario: r0.scenario }, step: 5 });
  if (!r.ok) throw new Error(r.error);
  return r.fragment;
}

describe('reading a link', () => {
  const g = globalThis as { Worker?: unknown };
  const withWorker = async (fn: () => Promise<void>) => {
    const had = g.Worker;
    // Only its presence is checked (canSpawn): the fake spawn makes the worker.
    g.Worker = function Worker() {};
    try {
      await fn();
    } finally {
      g.Worker = had;
    }
  };

  it('reads a long custom link in the worker, with the result the page would get', async () => {
    const hash = longLink();
    expect(hash.length).toBeGreaterThan(LINK_READ_CHARS);
    let jobs = 0;
    await withWorker(async () => {
      const r = await readLink(codec, hash, fakeLinkWorker({ onJob: () => (jobs += 1) }));
      expect(jobs).toBe(1);
      expect(r).toEqual(ingestFragmentSync(hash));
      expect(r.ok && r.scenario.steps.length).toBe(3001);
    });
  });

  it('reads a short link to a large document in the worker too (its length does not say)', async () => {
    // 20,000 steps of the long-scenario generator: a link of about 2,500 characters, 240 KB inside.
    const r0 = parseScenarioValue(longScenario(20_000, { pages: 64, title: 'Repeated' }));
    if (!r0.ok) throw new Error(r0.error);
    const r1 = encodeFragment({ source: { kind: 'custom', scenario: r0.scenario }, step: 0 });
    if (!r1.ok) throw new Error(r1.error);
    const hash = r1.fragment;
    expect(hash.length).toBeLessThanOrEqual(LINK_READ_CHARS);
    expect(codec.fragmentCarriesOver(hash, LINK_READ_BYTES)).toBe(true);
    // The look inflates only as far as the limit: the same link is under a limit above its size.
    expect(codec.fragmentCarriesOver(hash, 1 << 20)).toBe(false);
    let jobs = 0;
    await withWorker(async () => {
      const r = await readLink(codec, hash, fakeLinkWorker({ onJob: () => (jobs += 1) }));
      expect(jobs).toBe(1);
      expect(r).toEqual(ingestFragmentSync(hash));
    });
  });

  it('reads short and built-in links on the page', async () => {
    let jobs = 0;
    await withWorker(async () => {
      const r = await readLink(
        codec,
        '#v=1&s=migrate-and-fault-back&t=2',
        fakeLinkWorker({ onJob: () => (jobs += 1) }),
      );
      expect(r.ok).toBe(true);
      expect(jobs).toBe(0);
    });
  });

  it('refuses a link longer than any link is read on the page, sending nothing to the worker', async () => {
    const cases = [
      `#v=1&s=${'a'.repeat(1_000_000)}`,
      // A pasted address: its fragment over the limit, and a prefix longer than any address has.
      `https://example.org/${'p'.repeat(1000)}#v=1&c=${'b'.repeat(MAX_FRAGMENT_CHARS)}`,
      `https://example.org/${'p'.repeat(40_000)}#v=1&s=fork-cow-device-private`,
    ];
    let jobs = 0;
    await withWorker(async () => {
      for (const hash of cases) {
        const r = await readLink(codec, hash, fakeLinkWorker({ onJob: () => (jobs += 1) }));
        expect(r).toEqual(ingestFragmentSync(hash));
        expect(!r.ok && r.error).toMatch(/too long/i);
      }
    });
    expect(jobs).toBe(0);
    // A pasted address's prefix does not count against its fragment: still read in the worker.
    const address = `https://example.org/${'p'.repeat(1000)}${longLink()}`;
    await withWorker(async () => {
      const r = await readLink(codec, address, fakeLinkWorker({ onJob: () => (jobs += 1) }));
      expect(r).toEqual(ingestFragmentSync(address));
    });
    expect(jobs).toBe(1);
  });

  it('a worker that fails: the page reads it after all', async () => {
    const hash = longLink();
    await withWorker(async () => {
      const r = await readLink(codec, hash, fakeLinkWorker({ fail: true }));
      expect(r).toEqual(ingestFragmentSync(hash));
    });
  });
});
