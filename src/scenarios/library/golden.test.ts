import { describe, expect, it } from 'vitest';
import { runScenario, toResultJson } from '../../model';
import { builtinScenarios } from './all';

// The committed hmm-result/1 output of every built-in (src/scenarios/golden/<id>.json, written
// by scripts/update-golden.ts). Any change to a result, an event or the final state shows here.
const golden = import.meta.glob<unknown>('../golden/*.json', { eager: true, import: 'default' });
const file = (id: string): string => `../golden/${id}.json`;
const HINT = 'golden drift: if the change is intended, run `npm run golden` and review the diff';

describe('built-in scenarios match their golden results', () => {
  it('has one golden file per built-in and no stale ones', () => {
    expect(Object.keys(golden).sort(), HINT).toEqual(
      builtinScenarios.map((s) => file(s.id)).sort(),
    );
  });

  it.each(builtinScenarios.map((s) => [s.id, s] as const))('%s', (id, scenario) => {
    const want = golden[file(id)];
    expect(want, `no golden file for ${id}: run \`npm run golden\``).toBeDefined();
    const got = toResultJson(scenario, runScenario(scenario), { states: false });
    // Compare as JSON, exactly what `sim run` prints (no undefined fields, no -0).
    expect(JSON.parse(JSON.stringify(got)), `${id}: ${HINT}`).toEqual(want);
  });
});
