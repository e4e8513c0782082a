import { describe, expect, it } from 'vitest';
import { builtinScenarios, getBuiltin } from './library/all';
import { sameDoc } from './sameDoc';

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
