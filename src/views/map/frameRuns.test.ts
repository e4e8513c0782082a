import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Band } from './bands';
import { frameRunId, mergeFrameRuns } from './frameRuns';
import type { FrameRun } from './sceneBuilder';

const band = (id: string): Band => ({
  id,
  device: null,
  type: 'ram',
  lo: 0,
  hi: 1 << 20,
  pages: 1 << 20,
  removed: false,
});
const RAM = band('ram');
const DEV = band('dmirror0');
const run = (b: Band, min: number, max: number, n = max - min + 1): FrameRun => ({
  id: frameRunId(b, min, max),
  band: b,
  min,
  max,
  n,
  changed: 0,
});
/** Frames "in use": every pfn, for the count a merged run is given. */
const span = (_b: Band, min: number, max: number) => max - min + 1;

describe('mergeFrameRuns', () => {
  it('merges the PTE runs and the mirror run that covers them into one (the big machine’s picture)', () => {
    const a = run(DEV, 0x3ffff0001, 0x3ffff00ff);
    const b = run(DEV, 0x3ffff0100, 0x3ffff03ff);
    const mirror = run(DEV, 0x3ffff0001, 0x3ffff03ff);
    const { runs, renamed } = mergeFrameRuns([a, b, mirror], span);
    expect(runs).toEqual([run(DEV, 0x3ffff0001, 0x3ffff03ff, 1023)]);
    // Every bundle that pointed at a merged run now points at the one run.
    expect(renamed.get(a.id)).toBe(mirror.id);
    expect(renamed.get(b.id)).toBe(mirror.id);
    expect(renamed.has(mirror.id)).toBe(false);
  });

  it('keeps runs that overlap nothing, and never merges across bands', () => {
    const r1 = run(RAM, 10, 20);
    const r2 = run(RAM, 21, 30);
    const d1 = run(DEV, 15, 25);
    const { runs, renamed } = mergeFrameRuns([r1, r2, d1], span);
    expect(runs).toEqual([r1, r2, d1]);
    expect(renamed.size).toBe(0);
  });

  it('leaves no two runs of a band overlapping, and renames every run it merged (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.nat(500), fc.nat(60)), { size: 'medium' }),
        (specs) => {
          const input = [
            ...new Map(
              specs.map(([dev, min, len]) => {
                const r = run(dev ? DEV : RAM, min, min + len);
                return [r.id, r] as const;
              }),
            ).values(),
          ];
          const { runs, renamed } = mergeFrameRuns(input, span);
          const ids = new Set(runs.map((r) => r.id));
          for (const x of runs)
            for (const y of runs)
              if (x !== y && x.band.id === y.band.id)
                expect(x.max < y.min || y.max < x.min).toBe(true);
          for (const r of input) {
            // Each input run is kept or renamed to the run that covers it, in its band.
            const to = ids.has(r.id) ? r.id : renamed.get(r.id);
            const home = runs.find((x) => x.id === to);
            expect(home?.band.id).toBe(r.band.id);
            expect(home && home.min <= r.min && r.max <= home.max).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
