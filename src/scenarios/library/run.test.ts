import { describe, expect, it } from 'vitest';
import { runScenario, toResultJson } from '../../model';
import { builtinScenarios } from './all';
import { expectations } from './expectations';

const ids = (violations: readonly { id: string }[]): string[] =>
  [...new Set(violations.map((v) => v.id))].sort();

// Every built-in runs and returns, step by step, what its expectation table says. A correct
// model breaks no invariant on a valid scenario (scenario-contract.md §3), except where a
// scenario demonstrates a v4.14 kernel bug: then exactly the listed violation ids appear.
describe('every built-in scenario runs as expected', () => {
  it('has an expectation table for each built-in and none for unknown ids', () => {
    expect(Object.keys(expectations).sort()).toEqual(builtinScenarios.map((s) => s.id).sort());
  });

  it.each(builtinScenarios.map((s) => [s.id, s] as const))('%s', (id, scenario) => {
    const table = expectations[id];
    if (!table) throw new Error(`no expectations for ${id}`);
    const frames = runScenario(scenario);
    expect(frames).toHaveLength(scenario.steps.length + 1);
    const result = toResultJson(scenario, frames, { states: false });
    expect(table.steps, 'one expectation per step').toHaveLength(scenario.steps.length);
    result.steps.forEach((step, i) => {
      const want = table.steps[i];
      const where = `${id} step ${i} (${step.op})`;
      expect(step.result, where).toMatchObject(want?.result ?? {});
      expect(ids(step.violations), `${where} violations`).toEqual([...(want?.violations ?? [])]);
    });
    const shown = ids(result.steps.flatMap((s) => s.violations));
    expect(shown, `${id}: the bugs it shows`).toEqual([...(table.bugs ?? [])].sort());
  });
});
