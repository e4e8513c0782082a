import { describe, expect, it } from 'vitest';
import { asTrace, runScenario } from '../model';
import { builtinScenarios } from '../scenarios/library/all';
import { deriveMarkers } from './markers';

describe('deriveMarkers (the timeline marks of a trace, for the store)', () => {
  const doc = builtinScenarios.find((s) => s.id === 'migrate-and-fault-back');
  if (!doc) throw new Error('no built-in migrate-and-fault-back');
  const markers = deriveMarkers(asTrace(runScenario(doc)).records);

  it('marks each step that faulted, migrated or freed, by its index', () => {
    expect(markers.length).toBeGreaterThan(0);
    for (const m of markers) expect(m.kinds.length).toBeGreaterThan(0);
    expect(markers.some((m) => m.kinds.includes('fault'))).toBe(true);
    expect(markers.some((m) => m.kinds.includes('migration'))).toBe(true);
  });

  it('freezes every marker in tests (a view that mutated one throws here), the array always', () => {
    expect(Object.isFrozen(markers)).toBe(true);
    for (const m of markers) {
      expect(Object.isFrozen(m)).toBe(true);
      expect(Object.isFrozen(m.kinds)).toBe(true);
    }
    const first = markers[0];
    if (!first) throw new Error('no marker');
    expect(() => {
      (first as { index: number }).index = 99;
    }).toThrow(TypeError);
  });
});
