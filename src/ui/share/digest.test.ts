import { describe, expect, it } from 'vitest';
import { runScenario } from '../../model';
import { builtinScenarios } from '../../scenarios/library/all';
import { fnv1a, frameDigest } from './digest';

describe('frame digest', () => {
  it('is FNV-1a', () => {
    expect(fnv1a('')).toBe('811c9dc5');
    expect(fnv1a('a')).toBe('e40c292c');
  });
  it('is the same for the same frame and differs between steps', () => {
    const s = builtinScenarios[0];
    if (!s) throw new Error('no built-ins');
    const a = runScenario(s).map(frameDigest);
    const b = runScenario(s).map(frameDigest);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(a.length);
  });
});
