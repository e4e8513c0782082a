/**
 * A lesson's chapters: named ranges of steps. A chapter runs from its `from` step (1-based, the
 * transport's numbering) to the step before the next chapter; step 0 (boot) belongs to none.
 */
import type { Chapter } from '../scenarios/schema';

export interface ChapterRange {
  readonly title: string;
  readonly from: number;
  /** Last step, inclusive. */
  readonly to: number;
}

/** The chapters that fall inside a trace of `length` frames, in step order, with their ends. */
export function chapterRanges(
  chapters: readonly Chapter[] | undefined,
  length: number,
): ChapterRange[] {
  const last = length - 1;
  const sorted = [...(chapters ?? [])]
    .filter((c) => c.from <= last)
    .sort((a, b) => a.from - b.from);
  return sorted.map((c, i) => ({
    title: c.title,
    from: c.from,
    to: Math.max(c.from, (sorted[i + 1]?.from ?? last + 1) - 1),
  }));
}

/** Index of the chapter holding `step`, or -1. */
export function chapterIndexAt(ranges: readonly ChapterRange[], step: number): number {
  return ranges.findIndex((r) => step >= r.from && step <= r.to);
}
