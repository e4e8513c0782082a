import { describe, expect, it } from 'vitest';
import { builtinScenarios, getBuiltin } from './library/all';
import type { Scenario } from './schema';
import { sameDoc, sameRun } from './sameDoc';

describe('sameDoc', () => {
  it('tells built-in documents apart and knows a copy of each', () => {
    const all = builtinScenarios.map((s) => structuredClone(s));
    all.forEach((a, i) => {
      all.forEach((c, j) => {
        expect(sameDoc(a, c)).toBe(i === j);
      });
      expect(sameDoc(getBuiltin(a.id), a)).toBe(true);
    });
  });
  it('sees a one-value edit deep in a step', () => {
    const a = structuredClone(builtinScenarios[0]);
    const b = structuredClone(a);
    const step = b?.steps[0] as Record<string, unknown> | undefined;
    if (!step) throw new Error('no step');
    step.note = `${String(step.note)}!`;
    expect(sameDoc(a, b)).toBe(false);
  });
  it('keeps arrays, objects and missing keys apart', () => {
    expect(sameDoc([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameDoc({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameDoc({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(sameDoc(null, {})).toBe(false);
  });
});

describe('sameRun (the model runs two documents the same)', () => {
  const base = getBuiltin('fork-cow-device-private') as Scenario;
  const edit = (f: (d: Scenario) => void): Scenario => {
    const d = structuredClone(base);
    f(d);
    return d;
  };
  const at = (d: Scenario, i: number) => d.steps[i] as unknown as Record<string, unknown>;

  it("holds for an edit of the title, summary, chapters or a step's note, id, noteFor or focus", () => {
    for (const d of [
      edit((d) => (d.title = 'another title')),
      edit((d) => (d.summary = 'another summary')),
      edit((d) => (d.chapters = [])),
      edit((d) => (at(d, 2).note = 'another note')),
      edit((d) => delete at(d, 0).note),
      edit((d) => (at(d, 3).id = 'named')),
      edit((d) => (at(d, 4).noteFor = 'ret 0')),
      edit((d) => (at(d, 5).focus = 'pte 1 0x10000000')),
    ]) {
      expect(sameDoc(base, d)).toBe(false);
      expect(sameRun(base, d)).toBe(true);
    }
  });

  it('fails for an edit the model reads: an op field, a step more or less, the era, the machine', () => {
    for (const d of [
      edit((d) => (at(d, 1).pid = 9)),
      edit((d) => (at(d, 2).extra = 1)),
      edit((d) => d.steps.pop()),
      edit((d) => d.steps.push({ op: 'spawn', pid: 7 })),
      edit((d) => (d.era = 'v6.12')),
      edit((d) => (d.machine = { ...d.machine, ramPages: d.machine.ramPages * 2 })),
    ])
      expect(sameRun(base, d)).toBe(false);
  });

  it('tells every two built-ins apart, and knows each one itself', () => {
    builtinScenarios.forEach((a, i) => {
      builtinScenarios.forEach((b, j) => {
        expect(sameRun(a, b)).toBe(i === j);
      });
    });
  });
});
