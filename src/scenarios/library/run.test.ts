import { describe, expect, it } from 'vitest';
import { runScenario } from '../../model';
import { builtinScenarios } from './index';

// A correct model run on a valid scenario breaks no invariant (scenario-contract.md §3).
describe('every built-in scenario runs through the model', () => {
  it.each(builtinScenarios.map((s) => [s.id, s] as const))('%s', (_id, scenario) => {
    const frames = runScenario(scenario);
    expect(frames).toHaveLength(scenario.steps.length + 1);
    const broken = frames.flatMap((f) =>
      f.violations.map((v) => `step ${f.index}: ${v.id} ${v.text}`),
    );
    expect(broken).toEqual([]);
  });
});
