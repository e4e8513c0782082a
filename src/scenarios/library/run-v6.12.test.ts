import { describe, expect, it } from 'vitest';
import { runScenario, toResultJson } from '../../model';
import { builtinScenarios } from './all';
import { expectations } from './expectations';
import { v612Step, v612Variants } from './eras';

const ids = (violations: readonly { id: string }[]): string[] =>
  [...new Set(violations.map((v) => v.id))].sort();

// Every built-in also runs in v6.12 (`sim run --era v6.12`): step by step it returns what its
// v4.14 table says except where eras.ts lists the v6.12 answer, and it breaks no invariant.
describe('every built-in scenario in v6.12', () => {
  it('lists variants only for built-ins that exist, and only for their steps', () => {
    for (const [id, v] of Object.entries(v612Variants)) {
      const s = builtinScenarios.find((b) => b.id === id);
      expect(s, id).toBeDefined();
      for (const i of Object.keys(v.steps ?? {})) {
        expect(Number(i), `${id} step ${i}`).toBeLessThan(s?.steps.length ?? 0);
      }
    }
  });

  it.each(builtinScenarios.map((s) => [s.id, s] as const))('%s', (id, scenario) => {
    const table = expectations[id];
    if (!table) throw new Error(`no expectations for ${id}`);
    const input = { ...scenario, era: 'v6.12' as const };
    const result = toResultJson(input, runScenario(input), { states: false });
    expect(result.era).toBe('v6.12');
    result.steps.forEach((step, i) => {
      const v414 = table.steps[i];
      if (!v414) throw new Error(`${id}: no expectation for step ${i}`);
      const want = v612Step(id, i, v414);
      expect(step.result, `${id} step ${i} (${step.op}) in v6.12`).toMatchObject(want.result);
      expect(ids(step.violations), `${id} step ${i} violations in v6.12`).toEqual([]);
    });
  });

  it('the scenarios that show a v4.14 bug say in v6.12 that it is fixed, and by what', () => {
    for (const id of [
      'fork-cow-device-private',
      'selftest-anon-write-child-migrate',
      'selftest-hmm-cow-in-device',
      'hotplug-remove-while-mapped',
      'readonly-migrate-back',
      'device-public-cow-hole',
    ]) {
      expect(v612Variants[id]?.fixed, id).toMatch(/\b(v\d|[0-9a-f]{12})/);
    }
  });
});
