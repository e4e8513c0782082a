/**
 * The store with a background runner (the app's trace worker): a heavy document is computed while
 * the scenario on screen stays, with progress, and lands in one write; Cancel keeps what is on
 * screen; a later intent supersedes it (issue 11: the app never freezes and never loses the scenario).
 */
import { setAutoFreeze } from 'immer';
import { describe, expect, it } from 'vitest';
import { smallTrace, emptyDoc } from '../test/fixtures';
import { createAppStore } from './createAppStore';
import type { BackgroundRunner, Frame, ScenarioDoc, Trace, TraceOutcome } from './model';
import { FramesTrace } from '../model';
import { selectTimelineSpan } from './selectors';

const PREFS = { theme: 'light', speed: 1 } as const;
const doc = emptyDoc;
const meta = (title: string) => ({ id: null, title, summary: '' });

interface FakeJob {
  readonly docs: readonly ScenarioDoc[];
  readonly progress: (frames: number) => void;
  /** What the worker has sent of the first document so far (streaming jobs only). */
  sent: Trace | null;
  resolve(outs: readonly TraceOutcome[]): void;
  reject(e: Error): void;
  cancelled: boolean;
}

function setup() {
  const jobs: FakeJob[] = [];
  const background: BackgroundRunner = {
    heavy: (d) => (d.title ?? '').startsWith('heavy'),
    start(docs, progress) {
      let resolve!: FakeJob['resolve'];
      let reject!: FakeJob['reject'];
      const done = new Promise<readonly TraceOutcome[]>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      const job: FakeJob = { docs, progress, sent: null, resolve, reject, cancelled: false };
      jobs.push(job);
      const streams = (docs[0]?.title ?? '').includes('streamed');
      return {
        done,
        cancel() {
          job.cancelled = true;
        },
        ...(streams ? { firstFrames: () => job.sent?.length ?? 0, partial: () => job.sent } : {}),
      };
    },
  };
  const ran: string[] = [];
  const run = (d: ScenarioDoc): Frame[] => {
    ran.push(d.title ?? '');
    return d.title === 'light' ? smallTrace().slice(0, 2) : smallTrace();
  };
  const store = createAppStore({
    run,
    prefs: PREFS,
    scenario: { ...meta('first'), doc: doc('first') },
    background,
  });
  const writes = { n: 0 };
  store.subscribe(() => {
    writes.n += 1;
  });
  return { store, jobs, ran, writes };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('a heavy document runs in the background', () => {
  it('keeps the scenario on screen while it runs, reports progress, then lands in one write', async () => {
    const { store, jobs, ran, writes } = setup();
    const before = store.getState().trace;
    store.getState().open({ meta: meta('heavy'), doc: doc('heavy'), step: 2, selection: null });
    expect(ran).toEqual(['first']);
    expect(jobs).toHaveLength(1);
    expect(store.getState().loading).toEqual({
      title: 'heavy',
      done: 0,
      total: 1,
      shown: false,
      frames: 1,
    });
    expect(store.getState().trace).toBe(before);
    expect(store.getState().scenario.title).toBe('first');

    jobs[0]?.progress(1);
    expect(store.getState().loading?.done).toBe(1);

    const n = writes.n;
    jobs[0]?.resolve([{ ok: true, trace: smallTrace() }]);
    await flush();
    expect(writes.n).toBe(n + 1);
    const s = store.getState();
    expect(s.loading).toBeNull();
    expect(s.scenario.title).toBe('heavy');
    expect(s.trace).toHaveLength(4);
    expect(s.cursor).toBe(2);
    expect(s.markers.length).toBeGreaterThan(0);
  });

  it('Cancel keeps the scenario on screen and drops the late outcome', async () => {
    const { store, jobs } = setup();
    store.getState().open({ meta: meta('heavy'), doc: doc('heavy') });
    store.getState().cancelLoading();
    expect(jobs[0]?.cancelled).toBe(true);
    expect(store.getState().loading).toBeNull();
    jobs[0]?.progress(1);
    jobs[0]?.resolve([{ ok: true, trace: smallTrace() }]);
    await flush();
    expect(store.getState().loading).toBeNull();
    expect(store.getState().scenario.title).toBe('first');
  });

  it('a later light document supersedes it', async () => {
    const { store, jobs } = setup();
    store.getState().open({ meta: meta('heavy'), doc: doc('heavy') });
    store.getState().open({ meta: meta('light'), doc: doc('light') });
    expect(jobs[0]?.cancelled).toBe(true);
    expect(store.getState().loading).toBeNull();
    expect(store.getState().scenario.title).toBe('light');
    jobs[0]?.resolve([{ ok: true, trace: smallTrace() }]);
    await flush();
    expect(store.getState().scenario.title).toBe('light');
  });

  it('a later heavy document replaces the run', async () => {
    const { store, jobs } = setup();
    store.getState().open({ meta: meta('heavy one'), doc: doc('heavy one') });
    store.getState().open({ meta: meta('heavy two'), doc: doc('heavy two') });
    expect(jobs[0]?.cancelled).toBe(true);
    expect(store.getState().loading?.title).toBe('heavy two');
    jobs[1]?.resolve([{ ok: true, trace: smallTrace() }]);
    jobs[0]?.resolve([{ ok: true, trace: smallTrace().slice(0, 1) }]);
    await flush();
    expect(store.getState().scenario.title).toBe('heavy two');
  });

  it('says why when the model threw, or the worker stopped', async () => {
    const { store, jobs } = setup();
    store.getState().open({ meta: meta('heavy'), doc: doc('heavy') });
    jobs[0]?.resolve([{ ok: false, error: 'bad step' }]);
    await flush();
    expect(store.getState().error).toBe('bad step');
    store.getState().open({ meta: meta('heavy 2'), doc: doc('heavy 2') });
    jobs[1]?.reject(new Error('out of memory'));
    await flush();
    expect(store.getState().loading).toBeNull();
    expect(store.getState().error).toMatch(/out of memory/);
  });

  it('computes both eras of a heavy document being compared, in one run', async () => {
    const { store, jobs } = setup();
    store.getState().open({ meta: meta('heavy'), doc: doc('heavy'), compare: 'v6.12' });
    expect(jobs[0]?.docs.map((d) => d.era)).toEqual(['v4.14', 'v6.12']);
    expect(store.getState().loading?.total).toBe(2);
    jobs[0]?.resolve([
      { ok: true, trace: smallTrace() },
      { ok: false, error: 'not in this era' },
    ]);
    await flush();
    const s = store.getState();
    expect(s.compare).toMatchObject({ era: 'v6.12', error: 'not in this era' });
    expect(s.compare?.trace).toHaveLength(0);
    expect(s.trace).toHaveLength(4);
  });

  it('leaves light documents in the call that opens them', () => {
    const { store, jobs } = setup();
    store.getState().open({ meta: meta('light'), doc: doc('light') });
    expect(jobs).toHaveLength(0);
    expect(store.getState().trace).toHaveLength(2);
  });
});

/** A heavy document of three steps (its frames come from the fixture trace, 4 frames). */
const streamedDoc = (): ScenarioDoc => ({
  ...doc('heavy streamed'),
  steps: [
    { op: 'spawn', pid: 1 },
    { op: 'spawn', pid: 2 },
    { op: 'spawn', pid: 3 },
  ],
});

describe('a long document goes on screen with its first frames (issue 12: step 0 within a second)', () => {
  const open = (store: ReturnType<typeof setup>['store'], step?: number) => {
    const d = streamedDoc();
    store
      .getState()
      .open({ meta: meta('heavy streamed'), doc: d, ...(step === undefined ? {} : { step }) });
    return d;
  };
  const sendFrames = (job: FakeJob | undefined, n: number) => {
    if (!job) throw new Error('no job');
    job.sent = new FramesTrace(smallTrace().slice(0, n));
    job.progress(n);
  };

  it('lands with the first frames, grows, then moves to the step the link asked for', async () => {
    const { store, jobs, writes } = setup();
    const d = open(store, 2);
    sendFrames(jobs[0], 1);
    let s = store.getState();
    expect(s.scenario.doc).toBe(d);
    expect(s.trace).toHaveLength(1);
    expect(s.cursor).toBe(0);
    expect(s.frame?.index).toBe(0);
    expect(s.loading).toMatchObject({ shown: true, done: 1 });
    // The timeline spans the whole document while it streams: its markers stay where they are.
    expect(selectTimelineSpan(s)).toBe(d.steps.length + 1);
    // The whole document arrived: the timeline is complete and the asked-for step is shown.
    const n = writes.n;
    sendFrames(jobs[0], 4);
    expect(writes.n).toBe(n + 1);
    s = store.getState();
    expect(s.trace).toHaveLength(4);
    expect(s.cursor).toBe(2);
    jobs[0]?.resolve([{ ok: true, trace: smallTrace() }]);
    await flush();
    s = store.getState();
    expect(s.loading).toBeNull();
    expect(s.stopped).toBeNull();
    expect(s.trace).toHaveLength(4);
    expect(s.cursor).toBe(2);
    expect(s.scenario.doc).toBe(d);
  });

  it('puts the document on screen without immer walking it (as the app runs immer: no auto-freeze)', () => {
    // A streamed write drafts `loading` beside the new `scenario`: immer 11 then visits every
    // plain value the write assigned, key by key, looking for drafts (up to 400 ms a write for
    // 10,000 steps) unless it is frozen. Unit tests otherwise run immer with auto-freeze on.
    setAutoFreeze(false);
    try {
      const { store, jobs } = setup();
      let reads = 0;
      const d = streamedDoc();
      // Steps nobody here reads (the fake runner ignores them): any read is immer's walk.
      const steps = new Proxy(d.steps.slice(), {
        get(t, k, r) {
          if (typeof k === 'string' && /^\d+$/.test(k)) reads += 1;
          return Reflect.get(t, k, r) as unknown;
        },
      });
      const watched = { ...d, steps };
      store.getState().open({ meta: meta('heavy streamed'), doc: watched, fromEditor: true });
      sendFrames(jobs[0], 2);
      expect(store.getState().scenario.doc).toBe(watched);
      expect(store.getState().editorDoc).toBe(watched);
      expect(reads).toBe(0);
    } finally {
      setAutoFreeze(true);
    }
  });

  it('an edit of the document on screen keeps the old one until the author’s step has arrived', () => {
    const { store, jobs } = setup();
    open(store, 2);
    sendFrames(jobs[0], 4);
    const before = store.getState();
    expect(before.cursor).toBe(2);
    // The author edits it (the editor's commit: no step, the one on screen stays).
    const edited = { ...streamedDoc(), title: 'heavy streamed, edited' };
    store.getState().open({ meta: meta('heavy streamed, edited'), doc: edited, fromEditor: true });
    sendFrames(jobs[1], 1);
    sendFrames(jobs[1], 2);
    // Not yet: step 2 has not arrived; the document before the edit stays, at step 2.
    let s = store.getState();
    expect(s.scenario.doc).toBe(before.scenario.doc);
    expect(s.cursor).toBe(2);
    expect(s.frame).toBe(before.frame);
    expect(s.loading).toMatchObject({ shown: false, done: 2 });
    sendFrames(jobs[1], 3);
    s = store.getState();
    expect(s.scenario.doc).toBe(edited);
    expect(s.cursor).toBe(2);
    expect(s.frame?.index).toBe(2);
  });

  it('Cancel keeps every frame that arrived, the ones not yet reported too', () => {
    const { store, jobs } = setup();
    open(store);
    sendFrames(jobs[0], 2);
    expect(store.getState().trace).toHaveLength(2);
    // A third frame arrives; its progress report has not run yet (background.ts defers it).
    const job = jobs[0];
    if (!job) throw new Error('no job');
    job.sent = new FramesTrace(smallTrace().slice(0, 3));
    store.getState().cancelLoading();
    const s = store.getState();
    expect(s.trace).toHaveLength(3);
    expect(s.stopped).toMatchObject({ frames: 3 });
    expect(s.loading).toBeNull();
  });

  it('a reader who moved keeps their step when the rest arrives', async () => {
    const { store, jobs } = setup();
    open(store, 3);
    sendFrames(jobs[0], 2);
    expect(store.getState().cursor).toBe(0);
    store.getState().seek(1);
    sendFrames(jobs[0], 4);
    jobs[0]?.resolve([{ ok: true, trace: smallTrace() }]);
    await flush();
    expect(store.getState().cursor).toBe(1);
  });

  it('Cancel keeps the frames on screen and says the timeline is cut; opening it again recomputes', () => {
    const { store, jobs } = setup();
    const d = open(store);
    sendFrames(jobs[0], 2);
    store.getState().cancelLoading();
    expect(jobs[0]?.cancelled).toBe(true);
    const s = store.getState();
    expect(s.scenario.doc).toBe(d);
    expect(s.trace).toHaveLength(2);
    expect(s.stopped).toEqual({ frames: 2, total: 4 });
    // The same document again is not "already on screen": its trace is not whole.
    store.getState().open({ meta: meta('heavy streamed'), doc: d, step: 1 });
    expect(jobs).toHaveLength(2);
    expect(store.getState().loading).toMatchObject({ shown: false });
  });

  it('a run that fails after landing says why, as one that failed before', async () => {
    const { store, jobs } = setup();
    open(store);
    sendFrames(jobs[0], 2);
    jobs[0]?.resolve([{ ok: false, error: 'bad step' }]);
    await flush();
    expect(store.getState().error).toBe('bad step');
    expect(store.getState().loading).toBeNull();
  });
});
