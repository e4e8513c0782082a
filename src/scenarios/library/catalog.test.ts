import { describe, expect, it } from 'vitest';
import { builtinScenarios } from './all';
import { CATALOG } from './catalog';
import { DEFAULT_SCENARIO_ID } from './index';

const HINT = 'catalog.ts is stale: run `npm run catalog`';

describe('the catalog (catalog.ts) is the library', () => {
  it('lists every built-in of all.ts, in its order, with its title', () => {
    expect(
      CATALOG.map((e) => [e.id, e.title]),
      HINT,
    ).toEqual(builtinScenarios.map((s) => [s.id, s.title]));
  });

  it('loads each id to that very document', async () => {
    for (const [i, e] of CATALOG.entries()) expect(await e.load(), e.id).toBe(builtinScenarios[i]);
  });

  it('starts with the default scenario', () => {
    expect(CATALOG[0]?.id).toBe(DEFAULT_SCENARIO_ID);
  });
});
