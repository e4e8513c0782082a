/**
 * The neighbours of the cursor are computed in idle time, after a step, so the next step's key
 * finds them in the trace's cache instead of re-running the model in its own task.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FramesTrace } from '../model';
import { smallTrace, emptyDoc } from '../test/fixtures';
import { handScheduler } from '../test/handScheduler';
import { createAppStore } from './createAppStore';
import type { Frame, Trace } from './model';
import { heavyAhead, neighbours, prefetchNeighbours, whenLongIdle } from './prefetch';
import { HEAVY_STEP_WORK } from '../model';

/** A trace that records which frames were asked for (a checkpointed trace re-runs those). */
class CountingTrace implements Trace {
  readonly asked: number[] = [];
  private readonly inner: FramesTrace;
  constructor(frames: readonly Frame[]) {
    this.inner = new FramesTrace(frames);
  }
  get era() {
    return this.inner.era;
  }
  get length() {
    return this.inner.length;
  }
  /** Steps made bulk: as many events as a heavy step records. */
  readonly bulk = new Set<number>();
  get records() {
    return this.inner.records.map((r) =>
      this.bulk.has(r.index) ? { ...r, eventCount: HEAVY_STEP_WORK } : r,
    );
  }
  /** Frames that would re-run this many steps (a replay from a checkpoint); the rest none. */
  readonly replays = new Map<number, number>();
  frame(i: number) {
    this.asked.push(i);
    return this.inner.frame(i);
  }
  stepsToShow(i: number) {
    return this.replays.get(i) ?? 0;
  }
  matchCalls(test: (fn: string, file: string) => boolean) {
    return this.inner.matchCalls(test);
  }
}

function setup() {
  const trace = new CountingTrace(smallTrace());
  const main = createAppStore({
    run: () => trace,
    prefs: { theme: 'light', speed: 1 },
    scenario: { id: 'small', title: 'Small', summary: '', doc: emptyDoc('small') },
  });
  const { pending, schedule, run: idle } = handScheduler();
  const long = handScheduler();
  const off = prefetchNeighbours(main, schedule, long.schedule);
  return { trace, main, pending, idle, long, off };
}

describe('prefetchNeighbours: the next step is computed while idle', () => {
  it('after a jump asks for c + 1 and c - 2, only when idle', () => {
    const { trace, main, idle } = setup();
    idle();
    trace.asked.length = 0;
    main.getState().seek(2);
    // The step itself shows frames 2 and 1 (the frame before, for the before/after marks).
    expect([...trace.asked].sort()).toEqual([1, 2]);
    trace.asked.length = 0;
    idle();
    expect(trace.asked).toEqual([3, 0]);
  });

  it('after a step asks only for the next frame the same way', () => {
    const { trace, main, idle } = setup();
    expect(trace.length).toBe(4);
    main.getState().seek(1);
    idle();
    main.getState().stepBy(1);
    trace.asked.length = 0;
    idle();
    expect(trace.asked).toEqual([3]);
    main.getState().stepBy(1);
    main.getState().stepBy(-1);
    trace.asked.length = 0;
    idle();
    expect(trace.asked).toEqual([0]);
  });

  it('keeps one pending plan: steps made before idle time warm only the last cursor', () => {
    const { trace, main, pending, idle } = setup();
    idle();
    main.getState().seek(1);
    main.getState().seek(2);
    main.getState().seek(3);
    expect(pending).toHaveLength(1);
    trace.asked.length = 0;
    idle();
    expect(trace.asked).toEqual(neighbours(3, trace.length, 1));
  });

  it('a selection plans nothing; unsubscribing cancels what is pending', () => {
    const { main, pending, idle, off } = setup();
    idle();
    main.getState().select(null);
    expect(pending).toHaveLength(0);
    main.getState().seek(1);
    expect(pending).toHaveLength(1);
    off();
    expect(pending).toHaveLength(0);
  });

  it('a replay of more than a step or two waits for a long idle period, where no frame is due', () => {
    const { trace, main, pending, idle, long } = setup();
    idle();
    trace.replays.set(0, 3);
    main.getState().seek(3);
    main.getState().stepBy(-1);
    // From 2 the step back needs frame 0: three steps to re-run, not in a slot between frames.
    expect(pending).toHaveLength(0);
    expect(long.pending).toHaveLength(1);
    trace.asked.length = 0;
    long.run();
    expect(trace.asked).toEqual([0]);
    // Two steps or fewer stay light.
    trace.replays.set(0, 2);
    main.getState().stepBy(1);
    main.getState().stepBy(-1);
    expect(long.pending).toHaveLength(0);
    expect(pending).toHaveLength(1);
  });

  it('a bulk step ahead waits for a long idle period too, however its frame is found', () => {
    const { trace, main, pending, idle, long } = setup();
    idle();
    expect(heavyAhead(trace, [2])).toBe(false);
    trace.bulk.add(2);
    expect(heavyAhead(trace, [2])).toBe(true);
    expect(heavyAhead(undefined, [2])).toBe(false);
    // A jump to 1 warms 2 (and nothing before 0): the bulk step, in a long idle period.
    main.getState().seek(1);
    expect(pending).toHaveLength(0);
    expect(long.pending).toHaveLength(1);
    trace.asked.length = 0;
    long.run();
    expect(trace.asked).toEqual([2]);
  });

  it('stays inside the trace at both ends', () => {
    expect(neighbours(0, 5)).toEqual([1]);
    expect(neighbours(4, 5)).toEqual([2]);
    expect(neighbours(1, 2)).toEqual([]);
    expect(neighbours(4, 5, 1)).toEqual([]);
    expect(neighbours(1, 5, -1)).toEqual([]);
  });
});

describe('whenLongIdle: heavy work waits for an idle period no frame ends', () => {
  /** requestIdleCallback by hand: `idle(ms)` runs what is queued with that much idle time left. */
  function fakeIdle() {
    const queue = new Map<number, IdleRequestCallback>();
    let next = 1;
    vi.stubGlobal('requestIdleCallback', (cb: IdleRequestCallback) => {
      queue.set(next, cb);
      return next++;
    });
    vi.stubGlobal('cancelIdleCallback', (id: number) => queue.delete(id));
    const idle = (ms: number, didTimeout = false) => {
      const due = [...queue.values()];
      queue.clear();
      for (const cb of due) cb({ didTimeout, timeRemaining: () => ms });
    };
    return { queue, idle };
  }
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('skips the slots between frames and runs in a long one', () => {
    const { queue, idle } = fakeIdle();
    let ran = 0;
    whenLongIdle(() => (ran += 1));
    idle(12); // the slot between two frames of a transition
    idle(4);
    expect(ran).toBe(0);
    expect(queue.size).toBe(1);
    idle(49.9); // nothing animates: Chromium's long idle period
    expect(ran).toBe(1);
    expect(queue.size).toBe(0);
  });

  it('runs when its wait times out, and a cancel stops the latest request', () => {
    const { queue, idle } = fakeIdle();
    let ran = 0;
    whenLongIdle(() => (ran += 1));
    idle(3, true);
    expect(ran).toBe(1);
    const cancel = whenLongIdle(() => (ran += 1));
    idle(5);
    cancel();
    expect(queue.size).toBe(0);
    idle(50);
    expect(ran).toBe(1);
  });
});
