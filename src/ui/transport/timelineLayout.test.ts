import { describe, expect, it } from 'vitest';
import { layoutMarks, stepAt, stepX } from './timelineLayout';

describe('stepX / stepAt', () => {
  it('spreads steps over the strip and inverts', () => {
    expect(stepX(0, 11, 120, 10)).toBe(10);
    expect(stepX(10, 11, 120, 10)).toBe(110);
    for (let i = 0; i < 11; i++) expect(stepAt(stepX(i, 11, 120, 10), 11, 120, 10)).toBe(i);
  });
  it('clamps and copes with one-frame traces', () => {
    expect(stepAt(-50, 11, 120, 10)).toBe(0);
    expect(stepAt(500, 11, 120, 10)).toBe(10);
    expect(stepAt(50, 1, 120, 10)).toBe(0);
  });
});

describe('layoutMarks', () => {
  it('puts each kind in its own lane', () => {
    const m = layoutMarks([{ index: 2, kinds: ['fault', 'signal'] }], 5, 100, 0);
    expect(m).toEqual([
      { x: 50, kind: 'fault', index: 2, lane: 0 },
      { x: 50, kind: 'signal', index: 2, lane: 3 },
    ]);
  });
  it('keeps at most one mark per pixel column and kind', () => {
    const markers = Array.from({ length: 10_000 }, (_, i) => ({
      index: i,
      kinds: ['fault' as const],
    }));
    const m = layoutMarks(markers, 10_000, 200, 0);
    expect(m.length).toBeLessThanOrEqual(201);
  });
});
