/**
 * Frame runs that overlap, as one run. A bundle of links from an aggregated row points at the run
 * of the frames its entries map (the [min, max] of their pfns). A device's mirror of a process maps
 * the pages its PTE runs map, and the rows of a VMA can map interleaved frames, so runs drawn as
 * their bundles asked for them stood for the same frames twice or three times: beside the PTE
 * runs "0x3ffff0001–0x3ffff00ff · 255 frames" and "0x3ffff0100–0x3ffff03ff · 768 frames", the
 * mirror's "0x3ffff0001–0x3ffff03ff · 1,023 frames". Merged per band, every bundle into those
 * frames ends at one run that counts each frame once. Pure.
 */
import type { Band } from './bands';
import type { FrameRun } from './sceneBuilder';

/** A run's id: by its band and extent, so the same run keeps its id from step to step. */
export const frameRunId = (band: Band, min: number, max: number): string =>
  `frun:${band.id}:${min}:${max}`;

export interface MergedRuns {
  readonly runs: readonly FrameRun[];
  /** The id of each run merged into another, to the merged run's id. */
  readonly renamed: ReadonlyMap<string, string>;
}

/**
 * `runs` with every set of overlapping runs of one band merged into one over their whole extent;
 * `count(band, min, max)` says how many frames a merged run stands for. Runs that overlap none
 * are kept as they are.
 */
export function mergeFrameRuns(
  runs: Iterable<FrameRun>,
  count: (band: Band, min: number, max: number) => number,
): MergedRuns {
  const byBand = new Map<string, FrameRun[]>();
  for (const r of runs) {
    const l = byBand.get(r.band.id);
    if (l) l.push(r);
    else byBand.set(r.band.id, [r]);
  }
  const out: FrameRun[] = [];
  const renamed = new Map<string, string>();
  for (const group of byBand.values()) {
    group.sort((x, y) => x.min - y.min || x.max - y.max);
    let cur: FrameRun[] = [];
    let hi = -Infinity;
    const flush = () => {
      const first = cur[0];
      if (!first) return;
      if (cur.length === 1) out.push(first);
      else {
        const { band, min } = first;
        const id = frameRunId(band, min, hi);
        out.push({ id, band, min, max: hi, n: count(band, min, hi), changed: 0 });
        for (const r of cur) if (r.id !== id) renamed.set(r.id, id);
      }
      cur = [];
    };
    for (const r of group) {
      if (r.min > hi) flush();
      hi = cur.length === 0 ? r.max : Math.max(hi, r.max);
      cur.push(r);
    }
    flush();
  }
  return { runs: out, renamed };
}
