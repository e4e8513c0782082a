import { describe, expect, it } from 'vitest';
import type { Trace, TraceJob } from './model';
import { GROW_MIN, streaming } from './streaming';

/** A job whose first document has `n` frames so far. */
function job(): { job: TraceJob; set(n: number): void; asked: number } {
  let n = 0;
  const state = { asked: 0 };
  const j: TraceJob = {
    done: new Promise(() => {}),
    cancel() {},
    firstFrames: () => n,
    partial: (): Trace => {
      state.asked += 1;
      // Only its length matters here; the store's tests put real frames on screen.
      return {
        era: 'v4.14',
        length: n,
        records: [],
        frame: () => undefined,
        stepsToShow: () => 0,
        matchCalls: () => ({ steps: [], total: 0 }),
      };
    },
  };
  return {
    job: j,
    set(k) {
      n = k;
    },
    get asked() {
      return state.asked;
    },
  };
}

describe('streaming a long document onto the screen', () => {
  it('hands the first frames at once, then grows geometrically, then once more when whole', () => {
    const total = 100_001;
    const s = streaming(total);
    const j = job();
    const lengths: number[] = [];
    for (let n = 1; n <= total; n += 137) {
      j.set(n);
      const t = s.grow(j.job);
      if (t) {
        lengths.push(t.length);
        if (!s.landed()) s.land(0, undefined);
      }
    }
    j.set(total);
    const last = s.grow(j.job);
    if (last) lengths.push(last.length);
    expect(lengths[0]).toBe(1);
    expect(lengths.at(-1)).toBe(total);
    // Past GROW_MIN frames, each growth is at least a quarter (and GROW_MIN frames) more.
    for (let i = 1; i < lengths.length - 1; i++) {
      const [a, b] = [lengths[i - 1] ?? 0, lengths[i] ?? 0];
      if (a >= GROW_MIN) expect(b - a).toBeGreaterThanOrEqual(Math.max(GROW_MIN, a / 4));
    }
    expect(lengths.filter((n) => n < GROW_MIN).length).toBeLessThanOrEqual(GROW_MIN / 137 + 1);
    // O(log) writes, not one per chunk: the prefix copy is O(frames) each time.
    expect(lengths.length).toBeLessThan(45);
    expect(j.asked).toBe(lengths.length);
  });

  it('moves to the asked-for step once it arrives, unless the reader moved', () => {
    const s = streaming(10);
    s.land(0, 7);
    expect(s.catchUp(5, 0)).toBeNull();
    expect(s.catchUp(8, 0)).toBe(7);
    expect(s.catchUp(10, 0)).toBeNull();
    const t = streaming(10);
    t.land(0, 7);
    expect(t.catchUp(5, 3)).toBeNull();
    expect(t.catchUp(10, 3)).toBeNull();
  });

  it('never streams a document that is not being put on screen', () => {
    const s = streaming(0);
    const j = job();
    j.set(50);
    expect(s.grow(j.job)).toBeNull();
  });
});
