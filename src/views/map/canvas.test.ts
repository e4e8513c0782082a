import { describe, expect, it } from 'vitest';
import { CANVAS_QUANTUM, canvasSize } from './canvas';

const Q = CANVAS_QUANTUM;

describe('canvasSize: the svg keeps its size while the scene fits', () => {
  it('rounds a first scene up to whole quanta', () => {
    expect(canvasSize(null, { width: 721, height: 634 })).toEqual({ width: 768, height: 1024 });
    expect(canvasSize(null, { width: 0, height: 0 })).toEqual(Q);
  });

  it('returns the same canvas for every scene that fits it (the bench walk: 634…1014 px)', () => {
    const first = canvasSize(null, { width: 721, height: 634 });
    let c = first;
    for (const h of [900, 786, 710, 1014, 900, 862, 1014, 976, 824, 710]) {
      c = canvasSize(c, { width: 721, height: h });
      expect(c).toBe(first);
    }
  });

  it('grows by whole quanta when the scene outgrows it, in either direction', () => {
    const c = canvasSize(null, { width: 721, height: 634 });
    expect(canvasSize(c, { width: 721, height: 1025 })).toEqual({ width: 768, height: 2048 });
    expect(canvasSize(c, { width: 909, height: 332 })).toEqual({ width: 1024, height: 1024 });
  });

  it('shrinks only when it is more than two quanta too big, then to the scene rounded up', () => {
    const big = canvasSize(null, { width: 721, height: 5000 });
    expect(big.height).toBe(5120);
    expect(canvasSize(big, { width: 721, height: 3100 })).toBe(big);
    expect(canvasSize(big, { width: 721, height: 3000 })).toEqual({ width: 768, height: 3072 });
    const wide = canvasSize(null, { width: 1500, height: 600 });
    expect(canvasSize(wide, { width: 700, height: 600 })).toEqual({ width: 768, height: 1024 });
  });

  it('always covers the scene', () => {
    let c = null as ReturnType<typeof canvasSize> | null;
    for (let i = 0; i < 200; i++) {
      const scene = { width: 300 + ((i * 397) % 1400), height: 100 + ((i * 7919) % 9000) };
      c = canvasSize(c, scene);
      expect(c.width).toBeGreaterThanOrEqual(scene.width);
      expect(c.height).toBeGreaterThanOrEqual(scene.height);
      expect(c.width % Q.width).toBe(0);
      expect(c.height % Q.height).toBe(0);
    }
  });
});
