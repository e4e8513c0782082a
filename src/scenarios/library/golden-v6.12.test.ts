import { describe, expect, it } from 'vitest';
import { runScenario, toResultJson } from '../../model';
import { builtinScenarios } from './all';

// The committed hmm-result/1 output of every built-in run in v6.12 (`sim run builtin:<id> --era
// v6.12`), in src/scenarios/golden/v6.12/, written by scripts/update-golden.ts.
const golden = import.meta.glob<unknown>('../golden/v6.12/*.json', {
  eager: true,
  import: 'default',
});
const file = (id: string): string => `../golden/v6.12/${id}.json`;
const HINT = 'golden drift: if the change is intended, run `npm run golden` and review the diff';

describe('built-in scenarios in v6.12 match their golden results', () => {
  it('has one v6.12 golden file per built-in and no stale ones', () => {
    expect(Object.keys(golden).sort(), HINT).toEqual(
      builtinScenarios.map((s) => file(s.id)).sort(),
    );
  });

  it.each(builtinScenarios.map((s) => [s.id, s] as const))('%s', (id, scenario) => {
    const want = golden[file(id)];
    expect(want, `no v6.12 golden file for ${id}: run \`npm run golden\``).toBeDefined();
    const input = { ...scenario, era: 'v6.12' as const };
    const got = toResultJson(input, runScenario(input), { states: false });
    expect(JSON.parse(JSON.stringify(got)), `${id}: ${HINT}`).toEqual(want);
  });
});
