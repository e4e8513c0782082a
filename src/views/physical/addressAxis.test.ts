import { describe, expect, it } from 'vitest';
import { kernel } from '../../test/fixtures';
import { must } from '../../test/must';
import { axisHeight, layoutAxis, yOfAddress } from './addressAxis';

const resources = kernel().resources;

describe('layoutAxis', () => {
  const bands = layoutAxis(46, resources, { height: 300 });

  it('covers [0, 2^physBits) bottom to top with resources and the holes between them', () => {
    expect(bands.map((b) => b.kind)).toEqual(['resource', 'gap', 'resource']);
    expect(bands[0]?.start).toBe(0);
    expect(bands.at(-1)?.end).toBe(2 ** 46);
    for (let i = 1; i < bands.length; i++) expect(bands[i]?.start).toBe(bands[i - 1]?.end);
  });

  it('puts System RAM at the bottom and fills the height exactly', () => {
    expect(bands[0]?.y1).toBe(300);
    expect(bands.at(-1)?.y0).toBeCloseTo(0);
    for (let i = 1; i < bands.length; i++)
      expect(bands[i]?.y1).toBeCloseTo(bands[i - 1]?.y0 ?? NaN);
  });

  it('gives a tiny RAM range and a device range both a legible band', () => {
    const [ram, , dev] = bands;
    expect((ram?.y1 ?? 0) - (ram?.y0 ?? 0)).toBeGreaterThan(60);
    expect((dev?.y1 ?? 0) - (dev?.y0 ?? 0)).toBeGreaterThan(60);
  });

  it('ticks 128 MiB sections inside a band when they fit', () => {
    const dev = bands[2];
    // 256 MiB starting on a section boundary: boundaries at its start and its middle.
    expect(dev?.ticks).toHaveLength(2);
    expect(dev?.ticks[0]).toBeCloseTo(dev?.y1 ?? NaN);
    expect(yOfAddress(must(dev), must(dev).start + 2 ** 27)).toBeCloseTo(dev?.ticks[1] ?? NaN);
  });

  it('grows instead of squashing when many resources do not fit', () => {
    const many = Array.from({ length: 20 }, (_, i) => ({
      ...must(resources[1]),
      start: (i + 1) * 2 ** 40,
      end: (i + 1) * 2 ** 40 + 2 ** 28 - 1,
    }));
    const b = layoutAxis(46, many, { height: 100, minBand: 22 });
    expect(axisHeight(b)).toBeGreaterThan(100);
    expect(Math.min(...b.map((x) => x.y0))).toBeCloseTo(0);
  });
});
