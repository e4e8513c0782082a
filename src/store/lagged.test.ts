import { describe, expect, it } from 'vitest';
import { asPfn, HEAVY_STEP_WORK } from '../model';
import { smallTrace, emptyDoc } from '../test/fixtures';
import { handScheduler } from '../test/handScheduler';
import { createAppStore } from './createAppStore';
import { flushLagged, laggedStore } from './lagged';
import type { Frame } from './model';

const doc = emptyDoc;

/** The small trace with step 2 made bulk: as many events as a heavy step records. */
function withBulkStep(): Frame[] {
  const frames = smallTrace();
  const f = frames[2] as Frame;
  const [one] = f.events;
  if (!one) throw new Error('step 2 of the small trace records no event');
  frames[2] = { ...f, events: Array.from({ length: HEAVY_STEP_WORK }, () => one) };
  return frames;
}

function setup() {
  const traces: Record<string, Frame[]> = {
    small: smallTrace(),
    other: smallTrace().slice(0, 2),
    bulk: withBulkStep(),
  };
  const main = createAppStore({
    run: (d) => traces[d.title ?? ''] ?? [],
    prefs: { theme: 'light', speed: 1 },
    scenario: { id: 'small', title: 'Small', summary: '', doc: doc('small') },
  });
  // Run by hand: "the next frame has been painted".
  const { pending, schedule, run: paint } = handScheduler();
  // Run by hand: "no frame is due" (a bulk step's details wait for it).
  const long = handScheduler();
  const lag = laggedStore(main, schedule, long.schedule);
  return { main, lag, pending, paint, long };
}

describe('laggedStore: the details take a step one painted frame late', () => {
  it('follows a step only after the frame is painted, then equals the app store', () => {
    const { main, lag, paint } = setup();
    const off = lag.connect();
    expect(lag.store.getState()).toBe(main.getState());
    main.getState().seek(2);
    expect(main.getState().cursor).toBe(2);
    expect(lag.store.getState().cursor).toBe(0);
    paint();
    expect(lag.store.getState()).toBe(main.getState());
    off();
  });

  it('shows the state on screen from the start, and keeps only the first, traceless one as its initial state', () => {
    const { main, lag } = setup();
    // Before connect(): a view mounted in the same render reads the trace on screen.
    expect(lag.store.getState()).toBe(main.getState());
    expect(main.getState().frame).toBeDefined();
    // zustand holds a store's initial state for good; the boot trace must not be held there, or
    // it outlives every scenario opened after it.
    expect(lag.store.getInitialState()).toBe(main.getInitialState());
    expect(lag.store.getInitialState().frame).toBeUndefined();
    expect(lag.store.getInitialState().trace).not.toBe(main.getState().trace);
  });

  it('coalesces steps made before the frame into one update', () => {
    const { main, lag, pending, paint } = setup();
    lag.connect();
    let updates = 0;
    lag.store.subscribe(() => {
      updates += 1;
    });
    main.getState().seek(1);
    main.getState().seek(2);
    main.getState().seek(3);
    expect(pending).toHaveLength(1);
    paint();
    expect(updates).toBe(1);
    expect(lag.store.getState().cursor).toBe(3);
  });

  it('passes anything but a step on at once, with the step still pending', () => {
    const { main, lag, pending } = setup();
    lag.connect();
    main.getState().seek(2);
    main.getState().select({ kind: 'page', pfn: asPfn(1) });
    // The selection answered in the same frame, and it brought the pending step with it.
    expect(lag.store.getState().selection).toEqual({ kind: 'page', pfn: 1 });
    expect(lag.store.getState().cursor).toBe(2);
    expect(pending).toHaveLength(0);
  });

  it('shows a newly opened scenario after its first frame, like a step', () => {
    const { main, lag, pending, paint } = setup();
    lag.connect();
    const before = lag.store.getState();
    main.getState().open({
      doc: doc('other'),
      meta: { id: null, title: 'Other', summary: '' },
    });
    expect(main.getState().trace.length).toBe(2);
    // The details still show the scenario before, whole (never a mix of the two).
    expect(lag.store.getState()).toBe(before);
    expect(pending).toHaveLength(1);
    paint();
    expect(lag.store.getState()).toBe(main.getState());
  });

  it('stops following when disconnected, and drops a pending step', () => {
    const { main, lag, pending } = setup();
    const off = lag.connect();
    main.getState().seek(2);
    off();
    expect(pending).toHaveLength(0);
    main.getState().seek(3);
    expect(lag.store.getState().cursor).toBe(0);
  });

  it('acts on the app store through its state', () => {
    const { main, lag } = setup();
    lag.connect();
    lag.store.getState().select({ kind: 'page', pfn: asPfn(2) });
    expect(main.getState().selection).toEqual({ kind: 'page', pfn: 2 });
    expect(lag.store.getState().selection).toEqual({ kind: 'page', pfn: 2 });
  });

  it('flushLagged brings a pending step in at once (the handout snapshots every step)', () => {
    const { main, lag, pending } = setup();
    const off = lag.connect();
    main.getState().seek(3);
    expect(lag.store.getState().cursor).toBe(0);
    flushLagged();
    expect(lag.store.getState().cursor).toBe(3);
    expect(pending).toHaveLength(0);
    off();
  });

  it('a bulk step waits until no frame is due; a step on from it follows after the frame again', () => {
    const { main, lag, pending, paint, long } = setup();
    lag.connect();
    main.getState().open({ doc: doc('bulk'), meta: { id: null, title: 'Bulk', summary: '' } });
    paint();
    expect(lag.store.getState()).toBe(main.getState());
    main.getState().seek(2);
    expect(pending).toHaveLength(0);
    expect(long.pending).toHaveLength(1);
    paint();
    expect(lag.store.getState().cursor).toBe(0);
    long.run();
    expect(lag.store.getState().cursor).toBe(2);
    // Back to a light step, then onto the bulk one again: its flush waits long.
    main.getState().seek(1);
    paint();
    main.getState().seek(2);
    expect(long.pending).toHaveLength(1);
    // Stepping on while that flush is pending: the new step's own way is taken, not the long wait.
    main.getState().seek(3);
    expect(long.pending).toHaveLength(0);
    expect(pending).toHaveLength(1);
    paint();
    expect(lag.store.getState()).toBe(main.getState());
    // And from a pending light flush onto the bulk step: the long wait again.
    main.getState().seek(1);
    main.getState().seek(2);
    expect(pending).toHaveLength(0);
    expect(long.pending).toHaveLength(1);
    long.run();
    expect(lag.store.getState()).toBe(main.getState());
  });
});
