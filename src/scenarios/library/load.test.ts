import { describe, expect, it } from 'vitest';
import { ingestFragment, ingestFragmentSync } from '../../ingest';
import { builtinFragment, linkedBuiltin } from '../../url/link';
import { builtinCatalog, DEFAULT_SCENARIO_ID, getBuiltin, isBuiltinId, loadBuiltin } from './index';

// This file never imports all.ts: it sees the library as the app does, one chunk per built-in.
describe('built-ins load by id', () => {
  const other = builtinCatalog.find((e) => e.id !== DEFAULT_SCENARIO_ID)?.id ?? '';

  it('has the default at once and the others only once loaded', async () => {
    expect(getBuiltin(DEFAULT_SCENARIO_ID)?.id).toBe(DEFAULT_SCENARIO_ID);
    expect(isBuiltinId(other)).toBe(true);
    expect(getBuiltin(other)).toBeUndefined();
    expect(builtinFragment(other, 0, null)).toEqual({
      ok: false,
      error: `the built-in "${other}" is still loading`,
    });
    const loaded = await loadBuiltin(other);
    expect(loaded?.id).toBe(other);
    expect(getBuiltin(other)).toBe(loaded);
    expect(await loadBuiltin(other)).toBe(loaded);
    expect(builtinFragment(other, 1, null)).toMatchObject({ ok: true, form: 'builtin' });
  });

  it('answers undefined for ids it does not have', async () => {
    expect(isBuiltinId('no-such-scenario')).toBe(false);
    expect(isBuiltinId('constructor')).toBe(false);
    expect(await loadBuiltin('no-such-scenario')).toBeUndefined();
    expect(await loadBuiltin('constructor')).toBeUndefined();
  });

  it('loads the built-in a link names before reading the link', async () => {
    const id = builtinCatalog.at(-1)?.id ?? '';
    const hash = `#v=1&s=${id}&t=2`;
    expect(linkedBuiltin(hash)).toBe(id);
    expect(linkedBuiltin(`https://example.test/app/${hash}`)).toBe(id);
    expect(linkedBuiltin('#v=1&s=no-such-scenario')).toBeNull();
    expect(linkedBuiltin('#v=1&c=abc')).toBeNull();
    // Not loaded yet: the synchronous reader does not know it.
    expect(ingestFragmentSync(hash).ok).toBe(false);
    const r = await ingestFragment(hash);
    expect(r).toMatchObject({ ok: true, builtinId: id, step: 2 });
    if (r.ok) expect(r.scenario).toBe(getBuiltin(id));
  });
});
