import { describe, expect, it } from 'vitest';
import type { KernelEvent } from '../../store/model';
import type { Folds } from './fold';
import { DEFAULT_FOLDS, callEnds, flip, foldedBy, visibleEvents } from './fold';

const ev = (depths: number[]): KernelEvent[] =>
  depths.map((depth, i) => ({ fn: `f${i}`, file: 'mm/memory.c', text: '', depth }));

describe('folded call levels', () => {
  // do_swap_page(0) → device_private_entry_fault(1) → hmm_devmem_fault(2) → dmirror(3), migrate(3)
  // then a sibling at depth 1 and a new top-level call.
  const events = ev([0, 1, 2, 3, 3, 1, 0, 1]);
  it('finds where each call ends', () => {
    expect(Array.from(callEnds(events))).toEqual([6, 5, 5, 4, 5, 6, 8, 8]);
    // Asked again for the same events: the same ends, not a second pass.
    expect(callEnds(events)).toBe(callEnds(events));
  });
  it('opens on the top two levels', () => {
    const ends = callEnds(events);
    const shown = (f: Folds, max?: number) => visibleEvents(ends, foldedBy(f, events, ends), max);
    const fold = foldedBy(DEFAULT_FOLDS, events, ends);
    // Nested callers start folded too: unfolding one level opens one level.
    expect(events.map((_, i) => i).filter(fold)).toEqual([1, 2]);
    expect(shown(DEFAULT_FOLDS).first).toEqual([0, 1, 5, 6, 7]);
    expect(shown(flip(DEFAULT_FOLDS, 1)).first).toEqual([0, 1, 2, 5, 6, 7]);
    expect(shown(flip(flip(DEFAULT_FOLDS, 1), 2)).first).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(shown({ rule: 'none', flipped: new Set() }).first).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(shown({ rule: 'none', flipped: new Set([0]) }).first).toEqual([0, 6, 7]);
    // Fold all: every caller, the top level too; flipping one back opens it.
    expect(shown({ rule: 'all', flipped: new Set() }).first).toEqual([0, 6]);
    expect(shown(flip({ rule: 'all', flipped: new Set() }, 0)).first).toEqual([0, 1, 5, 6]);
    // A page of the list, and how many there are in all.
    expect(shown(DEFAULT_FOLDS, 2)).toEqual({ first: [0, 1], count: 5 });
    // Flipping twice is no flip; an event that calls nothing is never folded.
    expect(flip(flip(DEFAULT_FOLDS, 2), 2).flipped.size).toBe(0);
    expect(foldedBy(flip(DEFAULT_FOLDS, 3), events, ends)(3)).toBe(false);
  });
  it('keeps every event exactly once when nothing is folded, whatever the depths', () => {
    const odd = ev([2, 0, 3, 1, 1, 0, 4]);
    const ends = callEnds(odd);
    expect(visibleEvents(ends, () => false).first).toEqual([0, 1, 2, 3, 4, 5, 6]);
    ends.forEach((end, i) => {
      expect(end).toBeGreaterThan(i);
    });
  });
});
