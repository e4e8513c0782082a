import { describe, expect, it } from 'vitest';
import { parseScenarioValue, type Scenario } from '../../scenarios';
import { getBuiltin } from '../../scenarios/library/all';
import { DEFAULT_SCENARIO_ID } from '../../scenarios/library';
import { encodeFragment } from '../../url/encode';
import { fakeLinkWorker } from '../../test/fakeLinkWorker';
import { codec } from './codec';
import { LINK_WORKER_STEPS, needsWorker, payloadVersion, whenPayload } from './linkPayload';

/** A long custom document: the default built-in's steps repeated past the worker's threshold. */
function longDoc(): Scenario {
  const base = getBuiltin(DEFAULT_SCENARIO_ID);
  if (!base) throw new Error('no default built-in');
  const first = base.steps.slice(0, 2);
  const steps = Array.from({ length: LINK_WORKER_STEPS + 1 }, (_, i) => ({
    op: 'spawn' as const,
    pid: 100 + i,
  }));
  const r = parseScenarioValue({
    ...base,
    id: 'long-custom',
    title: 'Long',
    steps: [...first, ...steps],
  });
  if (!r.ok) throw new Error(r.error);
  return r.scenario;
}

describe("a long document's link is made in a worker (issue 12: no long task on import)", () => {
  it('the payload made from a copy gives the link the main thread would write', async () => {
    const doc = longDoc();
    const direct = encodeFragment({
      source: { kind: 'custom', scenario: structuredClone(doc) },
      step: 3,
    });
    expect(codec.hasPayload(doc)).toBe(false);
    const before = payloadVersion();
    await whenPayload(codec, doc, fakeLinkWorker());
    expect(codec.hasPayload(doc)).toBe(true);
    expect(payloadVersion()).toBeGreaterThan(before);
    expect(needsWorker(codec, doc)).toBe(false);
    expect(encodeFragment({ source: { kind: 'custom', scenario: doc }, step: 3 })).toEqual(direct);
  });

  it('asks once per document, however often the address bar asks', async () => {
    const doc = longDoc();
    let spawned = 0;
    const spawn = fakeLinkWorker();
    const counting = () => {
      spawned += 1;
      return spawn();
    };
    const a = whenPayload(codec, doc, counting);
    const b = whenPayload(codec, doc, counting);
    expect(a).toBe(b);
    await a;
    expect(spawned).toBeLessThanOrEqual(1);
  });

  it('a worker that fails leaves the link to be made here, never a link that never comes', async () => {
    const doc = longDoc();
    await whenPayload(codec, doc, fakeLinkWorker({ fail: true }));
    expect(codec.hasPayload(doc)).toBe(true);
    const r = encodeFragment({ source: { kind: 'custom', scenario: doc }, step: 0 });
    expect(r.ok).toBe(true);
  });
});
