/**
 * The store with a background runner (the app's trace worker): a heavy document is computed while
 * the scenario on screen stays, with progress, and lands in one write; Cancel keeps what is on
 * screen; a later intent supersedes it (issue 11: the app never freezes and never loses the scenario).
 */
import { describe, expect, it } from 'vitest';
import { smallTrace } from '../test/fixtures';
import { createAppStore } from './createAppStore';
import type { BackgroundRunner, Frame, ScenarioDoc, TraceOutcome } from './model';

const PREFS = { theme: 'light', speed: 1 } as const;
const doc = (title: string, era: ScenarioDoc['era'] = 'v4.14'): ScenarioDoc => ({
  schema: 'hmm-scenario/1',
  title,
  era,
  machine: { ramPages: 4096, physBits: 46 },
  steps: [],
});
const meta = (title: string) => ({ id: null, title, summary: '' });

interface FakeJob {
  readonly docs: readonly ScenarioDoc[];
  readonly progress: (frames: number) => void;
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
      const job: FakeJob = { docs, progress, resolve, reject, cancelled: false };
      jobs.push(job);
      return {
        done,
        cancel() {
          job.cancelled = true;
        },
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
    expect(store.getState().loading).toEqual({ title: 'heavy', done: 0, total: 1 });
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
