import { describe, expect, it } from 'vitest';
import { asPfn, asPid, asVpn, CheckpointedTrace, checkpointScenario, runScenario } from '../model';
import { smallTrace, VMA_START, emptyDoc } from '../test/fixtures';
import { getBuiltin } from '../scenarios/library/all';
import { clampCursor, createAppStore } from './createAppStore';
import type { Frame, ScenarioDoc } from './model';
import { selectFrame, selectPrevFrame } from './selectors';

const META = { id: 'small', title: 'Small', summary: 'four frames' };
const doc = emptyDoc;
const PREFS = { theme: 'light', speed: 1 } as const;

function makeStore(runs: { n: number } = { n: 0 }, cursor?: number) {
  const traces: Record<string, Frame[]> = { small: smallTrace(), one: smallTrace().slice(0, 1) };
  const run = (d: ScenarioDoc): Frame[] => {
    runs.n += 1;
    if (d.title === 'bad') throw new Error('bad scenario');
    return traces[d.title ?? ''] ?? [];
  };
  return createAppStore({
    run,
    prefs: PREFS,
    scenario: { ...META, doc: doc('small') },
    ...(cursor === undefined ? {} : { cursor }),
  });
}

/** Does `root` reach `target` through own properties (the store's objects, not the model's)? */
function reaches(root: unknown, target: object): boolean {
  const seen = new Set<unknown>();
  const walk = (v: unknown): boolean => {
    if (v === target) return true;
    if (typeof v !== 'object' || v === null || seen.has(v)) return false;
    seen.add(v);
    return Object.values(v).some(walk);
  };
  return walk(root);
}

describe('boot trace', () => {
  it('is not kept as the initial state, so loading another scenario frees it', () => {
    const store = makeStore({ n: 0 }, 2);
    const boot = store.getState().trace;
    const shown = store.getState().frame;
    expect(boot).toHaveLength(4);
    expect(store.getState().cursor).toBe(2);
    expect(store.getInitialState().trace).toHaveLength(0);
    store.getState().open({ meta: META, doc: doc('one'), step: 0, selection: null });
    expect(store.getState().trace).toHaveLength(1);
    // Nothing the store holds (its state, its initial state) leads to the boot trace or its frames.
    expect(reaches(store.getState(), boot)).toBe(false);
    expect(reaches(store.getInitialState(), boot)).toBe(false);
    if (shown) expect(reaches(store.getState(), shown)).toBe(false);
  });

  it('frees a checkpointed boot trace too', () => {
    const real = (d: ScenarioDoc) => checkpointScenario(d);
    const store = createAppStore({
      run: real,
      prefs: PREFS,
      scenario: { ...META, doc: { ...doc('a'), steps: [{ op: 'spawn', pid: 1 }] } },
    });
    const boot = store.getState().trace;
    expect(boot).toBeInstanceOf(CheckpointedTrace);
    store.getState().open({ meta: META, doc: { ...doc('b'), steps: [] }, step: 0 });
    expect(store.getState().trace).not.toBe(boot);
    expect(reaches(store.getState(), boot)).toBe(false);
    expect(reaches(store.getInitialState(), boot)).toBe(false);
  });
});

describe('the frame on screen', () => {
  const steps = Array.from({ length: 90 }, (_, i) =>
    i === 0
      ? { op: 'spawn' as const, pid: 1 }
      : i === 1
        ? {
            op: 'mmap' as const,
            pid: 1,
            addr: 0x10000000,
            npages: 8,
            prot: 'rw' as const,
            flags: ['private' as const, 'anonymous' as const],
          }
        : {
            op: 'write' as const,
            pid: 1,
            addr: 0x10000000 + (i % 8) * 4096,
            npages: 1,
            values: [i],
          },
  );
  const long = { ...doc('long'), steps } as ScenarioDoc;

  it('is derived in the same write as the seek, from a checkpointed trace, events included', () => {
    const full = runScenario(long);
    const store = createAppStore({
      run: (d) => checkpointScenario(d),
      prefs: PREFS,
      scenario: { ...META, doc: long },
    });
    let writes = 0;
    store.subscribe(() => {
      writes += 1;
    });
    for (const [k, i] of [70, 71, 33, 5, 89, 0].entries()) {
      store.getState().seek(i);
      expect(writes).toBe(k + 1);
      const s = store.getState();
      expect({ ...selectFrame(s) }).toEqual({ ...full[i] });
      expect(selectPrevFrame(s) && { ...selectPrevFrame(s) }).toEqual(
        i > 0 ? { ...full[i - 1] } : undefined,
      );
    }
    // Stepping: the same frames the trace hands out (views compare by identity).
    store.getState().stepBy(1);
    const s = store.getState();
    expect(s.frame).toBe(s.trace.frame(1));
    expect(s.prevFrame).toBe(s.trace.frame(0));
  });
});

describe("an edit of labels only (the title, the steps' notes)", () => {
  const fork = getBuiltin('fork-cow-device-private') as ScenarioDoc;
  const withNote = (d: ScenarioDoc, i: number, note: string): ScenarioDoc => ({
    ...d,
    steps: d.steps.map((s, k) => (k === i ? { ...s, note } : s)),
  });

  it('keeps the frames on screen under the new labels, computing nothing, in one write', () => {
    const ran: string[] = [];
    const store = createAppStore({
      run: (d) => {
        ran.push(d.era);
        return checkpointScenario(d);
      },
      prefs: PREFS,
      scenario: { ...META, doc: fork },
    });
    store.getState().compareWith('v6.12');
    store.getState().seek(6);
    expect(ran).toEqual(['v4.14', 'v6.12']);
    const before = store.getState();
    let writes = 0;
    store.subscribe(() => {
      writes += 1;
    });
    const edited = withNote(fork, 5, 'a note typed in the editor');
    store.getState().open({ meta: META, doc: edited, fromEditor: true });
    const s = store.getState();
    expect([ran.length, writes]).toEqual([2, 1]);
    expect(s.scenario.doc).toBe(edited);
    expect(s.cursor).toBe(6);
    expect(s.frame?.note).toBe('a note typed in the editor');
    expect(s.trace.records[6]?.note).toBe('a note typed in the editor');
    // The same run: the same states and events, the same markers, the comparison kept.
    expect(s.frame?.state).toBe(before.frame?.state);
    expect(s.frame?.events).toBe(before.frame?.events);
    expect(s.markers).toEqual(before.markers);
    expect(s.compare?.era).toBe('v6.12');
    expect(s.compareFrame?.note).toBe('a note typed in the editor');
    expect(s.compareFrame?.state).toBe(before.compareFrame?.state);
    // An edit the model reads runs again.
    const moved = {
      ...edited,
      steps: edited.steps.map((st, k) => (k === 1 ? { ...st, pid: 3 } : st)),
    };
    store.getState().open({ meta: META, doc: moved, fromEditor: true });
    expect(ran).toEqual(['v4.14', 'v6.12', 'v4.14', 'v6.12']);
  });

  it('runs again when a trace on screen is not one frame a step (it cannot be labelled)', () => {
    const ran: string[] = [];
    const store = createAppStore({
      // A second era whose trace came back short: nothing to label its missing frames with.
      run: (d) => {
        ran.push(d.era);
        const full = runScenario(d);
        return d.era === 'v6.12' ? full.slice(0, 2) : full;
      },
      prefs: PREFS,
      scenario: { ...META, doc: fork },
    });
    store.getState().compareWith('v6.12');
    store.getState().open({ meta: META, doc: withNote(fork, 1, 'typed') });
    expect(ran).toEqual(['v4.14', 'v6.12', 'v4.14', 'v6.12']);
    expect(store.getState().frame).toBeDefined();
  });
});

describe('clampCursor', () => {
  it('clamps into the trace and rounds', () => {
    expect(clampCursor(-3, 4)).toBe(0);
    expect(clampCursor(9, 4)).toBe(3);
    expect(clampCursor(1.6, 4)).toBe(2);
  });
  it('keeps the current cursor for non-finite input', () => {
    expect(clampCursor(Number.NaN, 4, 2)).toBe(2);
  });
});

describe('createAppStore', () => {
  it('derives the trace and markers from the scenario document', () => {
    const s = makeStore().getState();
    expect(s.trace).toHaveLength(4);
    expect(s.markers.map((m) => [m.index, m.kinds])).toEqual([
      [1, ['fault']],
      [2, ['migration']],
      [3, ['signal', 'violation']],
    ]);
    expect(Object.isFrozen(s.trace)).toBe(true);
    expect(s.error).toBeNull();
  });

  it('starts paused at the requested step, clamped', () => {
    const s = makeStore(undefined, 99).getState();
    expect(s.cursor).toBe(3);
    expect(s.playing).toBe(false);
  });

  it('steps, seeks and clamps the cursor', () => {
    const store = makeStore();
    const a = store.getState();
    a.stepBy(1);
    expect(store.getState().cursor).toBe(1);
    a.stepBy(-5);
    expect(store.getState().cursor).toBe(0);
    a.last();
    expect(store.getState().cursor).toBe(3);
    a.stepBy(1);
    expect(store.getState().cursor).toBe(3);
    a.seek(2);
    expect(selectFrame(store.getState())?.index).toBe(2);
    expect(selectPrevFrame(store.getState())?.index).toBe(1);
    a.first();
    expect(selectPrevFrame(store.getState())).toBeUndefined();
  });

  it('does not write the store when a seek changes nothing', () => {
    const store = makeStore();
    let writes = 0;
    store.subscribe(() => (writes += 1));
    store.getState().seek(0);
    store.getState().stepBy(-1);
    expect(writes).toBe(0);
  });

  it('keeps unchanged frames identical across cursor moves (structural sharing)', () => {
    const store = makeStore();
    const before = store.getState().trace;
    store.getState().seek(2);
    expect(store.getState().trace).toBe(before);
  });

  it('plays to the end and pauses there; play at the end restarts', () => {
    const store = makeStore();
    const a = store.getState();
    a.play();
    expect(store.getState().playing).toBe(true);
    a.advance();
    a.advance();
    a.advance();
    expect(store.getState()).toMatchObject({ cursor: 3, playing: false });
    a.play();
    expect(store.getState()).toMatchObject({ cursor: 0, playing: true });
    a.togglePlay();
    expect(store.getState().playing).toBe(false);
  });

  it('does not play a one-frame trace', () => {
    const store = makeStore();
    store.getState().open({ meta: META, doc: doc('one'), step: 0, selection: null });
    store.getState().play();
    expect(store.getState().playing).toBe(false);
  });

  it('reloads the trace when the document changes and clears selection', () => {
    const runs = { n: 0 };
    const store = makeStore(runs);
    store.getState().select({ kind: 'page', pfn: asPfn(16) });
    store.getState().seek(2);
    store
      .getState()
      .open({ meta: { ...META, id: 'one' }, doc: doc('one'), step: 5, selection: null });
    const s = store.getState();
    expect(runs.n).toBe(2);
    expect(s.trace).toHaveLength(1);
    expect(s).toMatchObject({
      cursor: 0,
      selection: null,
      scenario: { id: 'one', doc: { title: 'one' } },
    });
  });

  it('reports a scenario that cannot run instead of throwing', () => {
    const store = makeStore();
    store.getState().open({ meta: META, doc: doc('bad'), step: 0, selection: null });
    expect(store.getState()).toMatchObject({ error: 'bad scenario', cursor: 0 });
    expect(store.getState().trace).toHaveLength(0);
    expect(selectFrame(store.getState())).toBeUndefined();
  });

  it('keeps the selection across steps', () => {
    const store = makeStore();
    const sel = { kind: 'pte', pid: asPid(1), vpn: asVpn(VMA_START) } as const;
    store.getState().select(sel);
    store.getState().stepBy(1);
    expect(store.getState().selection).toEqual(sel);
  });

  it('accepts only known speeds', () => {
    const store = makeStore();
    store.getState().setSpeed(4);
    store.getState().setSpeed(3);
    expect(store.getState().prefs.speed).toBe(4);
    store.getState().setTheme('dark');
    expect(store.getState().prefs).toEqual({ theme: 'dark', speed: 4 });
  });
});

describe('intents: one user intent, one store write', () => {
  function counted(store: ReturnType<typeof makeStore>) {
    const writes = { n: 0 };
    store.subscribe(() => {
      writes.n += 1;
    });
    return writes;
  }
  const pte = { kind: 'pte', pid: asPid(1), vpn: asVpn(VMA_START) } as const;

  it('a link to another step of the scenario on screen: pause, seek and select in one write', () => {
    const runs = { n: 0 };
    const store = makeStore(runs);
    store.getState().play();
    const trace = store.getState().trace;
    const writes = counted(store);
    store.getState().open({ meta: META, doc: doc('small'), step: 2, selection: pte });
    expect(writes.n).toBe(1);
    expect(runs.n).toBe(1);
    expect(store.getState().trace).toBe(trace);
    expect(store.getState()).toMatchObject({ cursor: 2, playing: false, selection: pte });
  });

  it('a new scenario with its step, selection and history mode: one write', () => {
    const store = makeStore();
    store.getState().play();
    const writes = counted(store);
    store.getState().open({
      meta: { ...META, id: 'one' },
      doc: doc('one'),
      step: 0,
      selection: pte,
      history: 'replace',
    });
    expect(writes.n).toBe(1);
    expect(store.getState()).toMatchObject({
      cursor: 0,
      playing: false,
      selection: pte,
      history: 'replace',
      scenario: { id: 'one' },
    });
    store.getState().open({ meta: META, doc: doc('small') });
    expect(store.getState().history).toBe('push');
  });

  it('an editor commit keeps the step and selection and remembers the document as the editor’s', () => {
    const store = makeStore();
    store.getState().seek(2, pte);
    const writes = counted(store);
    const edited = doc('small');
    store.getState().open({ meta: META, doc: edited, history: 'replace', fromEditor: true });
    // Same content: the trace stays, only editorDoc is written.
    expect(writes.n).toBe(1);
    expect(store.getState()).toMatchObject({ cursor: 2, selection: pte });
    expect(store.getState().editorDoc).toBe(store.getState().scenario.doc);
    const next = { ...doc('one'), summary: 'changed' };
    store.getState().open({ meta: META, doc: next, fromEditor: true });
    expect(writes.n).toBe(2);
    expect(store.getState().editorDoc).toBe(next);
    expect(store.getState().selection).toEqual(pte);
  });

  it('a step while playing pauses and moves in one write', () => {
    const store = makeStore();
    store.getState().play();
    const writes = counted(store);
    store.getState().stepBy(1);
    expect(writes.n).toBe(1);
    expect(store.getState()).toMatchObject({ cursor: 1, playing: false });
    store.getState().seek(3, null);
    expect(writes.n).toBe(2);
    store.getState().last();
    expect(writes.n).toBe(2);
  });
});
