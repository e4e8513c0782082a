import { describe, expect, it } from 'vitest';
import type { KernelEvent } from '../../store/model';
import { callEnds, defaultFolds, visibleEvents } from './fold';

const ev = (depths: number[]): KernelEvent[] =>
  depths.map((depth, i) => ({ fn: `f${i}`, file: 'mm/memory.c', text: '', depth }));

describe('folded call levels', () => {
  // do_swap_page(0) → device_private_entry_fault(1) → hmm_devmem_fault(2) → dmirror(3), migrate(3)
  // then a sibling at depth 1 and a new top-level call.
  const events = ev([0, 1, 2, 3, 3, 1, 0, 1]);
  it('finds where each call ends', () => {
    expect(callEnds(events)).toEqual([6, 5, 5, 4, 5, 6, 8, 8]);
  });
  it('opens on the top two levels', () => {
    const ends = callEnds(events);
    const folds = defaultFolds(events, ends);
    // Nested callers start folded too: unfolding one level opens one level.
    expect([...folds]).toEqual([1, 2]);
    expect(visibleEvents(ends, new Set([2]))).toEqual([0, 1, 2, 5, 6, 7]);
    expect(visibleEvents(ends, folds)).toEqual([0, 1, 5, 6, 7]);
    expect(visibleEvents(ends, new Set())).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(visibleEvents(ends, new Set([0]))).toEqual([0, 6, 7]);
  });
  it('keeps every event exactly once when nothing is folded, whatever the depths', () => {
    const odd = ev([2, 0, 3, 1, 1, 0, 4]);
    const ends = callEnds(odd);
    expect(visibleEvents(ends, new Set())).toEqual([0, 1, 2, 3, 4, 5, 6]);
    ends.forEach((end, i) => {
      expect(end).toBeGreaterThan(i);
    });
  });
});
