/**
 * The neighbours of the cursor are computed in idle time, after a step, so the next step's key
 * finds them in the trace's cache instead of re-running the model in its own task.
 */
import { describe, expect, it } from 'vitest';
import { FramesTrace } from '../model';
import { smallTrace, emptyDoc } from '../test/fixtures';
import { handScheduler } from '../test/handScheduler';
import { createAppStore } from './createAppStore';
import type { Frame, Trace } from './model';
import { neighbours, prefetchNeighbours } from './prefetch';

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
  get records() {
    return this.inner.records;
  }
  frame(i: number) {
    this.asked.push(i);
    return this.inner.frame(i);
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
  const off = prefetchNeighbours(main, schedule);
  return { trace, main, pending, idle, off };
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

  it('stays inside the trace at both ends', () => {
    expect(neighbours(0, 5)).toEqual([1]);
    expect(neighbours(4, 5)).toEqual([2]);
    expect(neighbours(1, 2)).toEqual([]);
    expect(neighbours(4, 5, 1)).toEqual([]);
    expect(neighbours(1, 5, -1)).toEqual([]);
  });
});
