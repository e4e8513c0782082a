import { describe, expect, it } from 'vitest';
import { parseScenarioValue } from '../parse';
import { DEFAULT_SCENARIO_ID, builtinScenarios, getBuiltin } from './all';
import { defineBuiltin } from './define';

describe('built-in library', () => {
  it('has unique ids, a title, a summary and a note on every step', () => {
    const ids = builtinScenarios.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(builtinScenarios.length).toBeGreaterThanOrEqual(24);
    for (const s of builtinScenarios) {
      expect(s.id).toMatch(/^[a-z0-9-]+$/);
      expect(s.title.length).toBeGreaterThan(0);
      expect(s.summary.length).toBeGreaterThan(0);
      expect(s.era).toBe('v4.14');
      for (const step of s.steps) expect(step.note?.length ?? 0).toBeGreaterThan(20);
    }
  });

  it('finds scenarios by id and knows the default', () => {
    expect(getBuiltin(DEFAULT_SCENARIO_ID)?.id).toBe(DEFAULT_SCENARIO_ID);
    expect(getBuiltin('no-such-scenario')).toBeUndefined();
    expect(getBuiltin('constructor')).toBeUndefined();
  });

  it('holds normalized scenarios that parse again to themselves, and are frozen', () => {
    for (const s of builtinScenarios) {
      expect(parseScenarioValue(s)).toEqual({ ok: true, scenario: s });
      expect(Object.isFrozen(s.steps)).toBe(true);
      expect(Object.isFrozen(s.steps[0])).toBe(true);
    }
  });

  it('refuses a broken built-in or a step without a note at module load', () => {
    const base = { schema: 'hmm-scenario/1', id: 'x', title: 't', summary: 's' } as const;
    expect(() => defineBuiltin({ ...base, steps: [{ op: 'spawn', pid: 1 }] })).toThrow(
      'built-in scenario "x": step 1 (steps[0]) has no note',
    );
    expect(() =>
      defineBuiltin({ ...base, steps: [{ op: 'exit', pid: 3, note: 'exit an unknown pid' }] }),
    ).toThrow('built-in scenario "x": step 1 (exit, steps[0]): field "pid": unknown pid 3');
  });
});
