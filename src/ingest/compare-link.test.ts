import { describe, expect, it } from 'vitest';
import { encodeFragment } from '../url/encode';
import { lectureScenario } from '../url/sample';
import { ingestFragmentSync } from './index';
// Every built-in loaded (ingestFragmentSync reads only loaded ones; the app loads a link's first).
import '../scenarios/library/all';

// A share link can hold the pair of eras: `vs=<era>` is added to link format v=1.
describe('a link holding two eras (vs=)', () => {
  it('a built-in link carries the second era and opens it', () => {
    const made = encodeFragment({
      source: { kind: 'builtin', id: 'fork-cow-device-private' },
      step: 8,
      compare: 'v6.12',
    });
    expect(made).toMatchObject({
      ok: true,
      fragment: '#v=1&s=fork-cow-device-private&t=8&vs=v6.12',
    });
    const r = ingestFragmentSync(made.ok ? made.fragment : '');
    expect(r).toMatchObject({ ok: true, step: 8, compare: 'v6.12', warnings: [] });
  });

  it('a custom scenario in v6.12 compared with v4.14 keeps both eras', () => {
    const scenario = { ...lectureScenario(10, 2), era: 'v6.12' as const };
    const made = encodeFragment({
      source: { kind: 'custom', scenario },
      step: 3,
      compare: 'v4.14',
    });
    const r = ingestFragmentSync(made.ok ? made.fragment : '');
    expect(r.ok && r.scenario.era).toBe('v6.12');
    expect(r.ok && r.compare).toBe('v4.14');
  });

  it('a link without vs= opens one era, as before', () => {
    const r = ingestFragmentSync('#v=1&s=fork-cow-device-private&t=2');
    expect(r.ok && 'compare' in r).toBe(false);
  });

  it('an era this build does not know opens one era and says so', () => {
    const r = ingestFragmentSync('#v=1&s=fork-cow-device-private&vs=v9.99');
    expect(r.ok && 'compare' in r).toBe(false);
    expect(r.ok && r.warnings.join(' ')).toMatch(/kernel era this version does not know/);
  });

  it('comparing with the scenario’s own era is one era', () => {
    const r = ingestFragmentSync('#v=1&s=fork-cow-device-private&vs=v4.14');
    expect(r.ok && 'compare' in r).toBe(false);
  });
});
