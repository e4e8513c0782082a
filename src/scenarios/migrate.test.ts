import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, type Migration, type ScenarioDoc } from './migrate';
import { SCENARIO_SCHEMA } from './schema';

describe('migrate', () => {
  it('registers the current version as the end of the chain', () => {
    expect(MIGRATIONS).toEqual({ 'hmm-scenario/1': null });
    expect(SCENARIO_SCHEMA).toBe('hmm-scenario/1');
  });

  it('returns a current document unchanged', () => {
    const doc = { schema: 'hmm-scenario/1', steps: [] };
    expect(migrate(doc)).toEqual({ ok: true, doc });
  });

  it('runs a chain of pure functions up to the current version', () => {
    // What adding v2 (and v3) will look like: one function per version, null for the newest.
    const v1ToV2: Migration = (d) => ({ ...d, schema: 'x/2', renamed: d.old });
    const v2ToV3: Migration = ({ old: _old, ...d }) => ({ ...d, schema: 'x/3' });
    const registry = { 'x/1': v1ToV2, 'x/2': v2ToV3, 'x/3': null };
    const input: ScenarioDoc = Object.freeze({ schema: 'x/1', old: 5 });
    expect(migrate(input, registry)).toEqual({ ok: true, doc: { schema: 'x/3', renamed: 5 } });
    expect(input).toEqual({ schema: 'x/1', old: 5 });
  });

  it('names the field and the known versions for an unknown version', () => {
    expect(migrate({ schema: 'hmm-scenario/0' })).toEqual({
      ok: false,
      error: 'field "schema": unknown schema version "hmm-scenario/0" (known: hmm-scenario/1)',
    });
    expect(migrate({ schema: 1 })).toMatchObject({ ok: false, error: /got|version 1/ });
    expect(migrate({})).toEqual({ ok: false, error: 'field "schema": missing' });
  });

  it('does not look versions up on Object.prototype', () => {
    for (const schema of ['constructor', '__proto__', 'hasOwnProperty']) {
      expect(migrate({ schema })).toMatchObject({ ok: false });
    }
  });

  it('stops a chain that loops', () => {
    const registry = { 'x/1': (d: ScenarioDoc) => ({ ...d, schema: 'x/1' }), 'x/2': null };
    expect(migrate({ schema: 'x/1' }, registry)).toEqual({
      ok: false,
      error: 'field "schema": the migration chain does not end',
    });
  });
});
