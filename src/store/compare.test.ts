import { describe, expect, it } from 'vitest';
import { loadEraComparison, runScenario } from '../model';
import { getBuiltin } from '../scenarios/library/all';
import { createAppStore } from './createAppStore';
import type { ScenarioDoc } from './model';

const { compareFrames } = await loadEraComparison();

const PREFS = { theme: 'light', speed: 1 } as const;

function forkStore() {
  const doc = getBuiltin('fork-cow-device-private');
  if (!doc) throw new Error('no fork built-in');
  const runs: string[] = [];
  const store = createAppStore({
    run: (d: ScenarioDoc) => {
      runs.push(d.era);
      return runScenario(d);
    },
    prefs: PREFS,
    scenario: { id: doc.id, title: doc.title, summary: doc.summary, doc },
  });
  return { store, doc, runs };
}

describe('comparing two eras (one timeline)', () => {
  it('runs the document in the second era and lists the fork step that differs', () => {
    const { store, runs } = forkStore();
    store.getState().seek(3);
    store.getState().compareWith('v6.12');
    const c = store.getState().compare;
    expect(runs).toEqual(['v4.14', 'v6.12']);
    expect(c?.era).toBe('v6.12');
    expect(c?.trace).toHaveLength(store.getState().trace.length);
    // After fork the parent reads its device page: v4.14 livelocks (map_pte), v6.12 migrates back.
    const steps = c ? compareFrames(store.getState().trace, c.trace, ['v4.14', c.era]) : [];
    const step7 = steps.find((s) => s.index === 7);
    expect(step7?.summary).toMatch(/^step 8: v4\.14 livelock.* · v6\.12 read 1/);
    expect(step7?.differences.some((d) => d.key?.startsWith('pte:'))).toBe(true);
    // The cursor is the one timeline: it does not move.
    expect(store.getState().cursor).toBe(3);
  });

  it('comparing an era with itself is one era; null closes the comparison', () => {
    const { store } = forkStore();
    store.getState().compareWith('v4.14');
    expect(store.getState().compare).toBeNull();
    store.getState().compareWith('v6.12');
    store.getState().compareWith(null);
    expect(store.getState().compare).toBeNull();
  });

  it('the era selector reruns the document in that era and keeps the cursor', () => {
    const { store } = forkStore();
    store.getState().seek(8);
    store.getState().setEra('v6.12');
    const s = store.getState();
    expect(s.scenario.doc.era).toBe('v6.12');
    expect(s.trace.frame(0)?.state.era).toBe('v6.12');
    expect(s.cursor).toBe(8);
    expect(s.compare).toBeNull();
  });

  it('choosing the era being compared with swaps the pair', () => {
    const { store } = forkStore();
    store.getState().compareWith('v6.12');
    store.getState().setEra('v6.12');
    const s = store.getState();
    expect(s.scenario.doc.era).toBe('v6.12');
    expect(s.compare?.era).toBe('v4.14');
    const steps = s.compare ? compareFrames(s.trace, s.compare.trace, ['v6.12', 'v4.14']) : [];
    expect(steps.find((x) => x.index === 7)?.summary).toMatch(
      /^step 8: v6\.12 read 1.* · v4\.14 livelock/,
    );
  });

  it('loading another scenario keeps comparing, in one store write', () => {
    const { store } = forkStore();
    store.getState().compareWith('v6.12');
    const other = getBuiltin('readonly-migrate-back');
    if (!other) throw new Error('no readonly-migrate-back');
    let writes = 0;
    const off = store.subscribe(() => {
      writes += 1;
    });
    store.getState().open({ meta: { id: other.id, title: '', summary: '' }, doc: other, step: 0 });
    off();
    expect(writes).toBe(1);
    expect(store.getState().compare?.era).toBe('v6.12');
    const s = store.getState();
    const steps = s.compare ? compareFrames(s.trace, s.compare.trace, ['v4.14', 'v6.12']) : [];
    expect(steps.length).toBeGreaterThan(0);
  });

  it('a link to the document on screen opens or closes the comparison in one write, in place', () => {
    const { store, doc } = forkStore();
    const meta = { id: doc.id, title: doc.title, summary: doc.summary };
    const trace = store.getState().trace;
    let writes = 0;
    const off = store.subscribe(() => {
      writes += 1;
    });
    store
      .getState()
      .open({ meta, doc, step: 5, selection: null, history: 'replace', compare: 'v6.12' });
    expect(writes).toBe(1);
    let s = store.getState();
    expect(s.trace).toBe(trace);
    expect(s.cursor).toBe(5);
    expect(s.compare?.era).toBe('v6.12');
    expect(s.history).toBe('replace');
    store.getState().open({ meta, doc, step: 2, history: 'replace', compare: null });
    off();
    expect(writes).toBe(2);
    s = store.getState();
    expect(s.compare).toBeNull();
    expect(s.cursor).toBe(2);
  });

  it('opening or closing the comparison from the selector is a new history entry', () => {
    const { store } = forkStore();
    const other = getBuiltin('readonly-migrate-back');
    if (!other) throw new Error('no readonly-migrate-back');
    store
      .getState()
      .open({ meta: { id: other.id, title: '', summary: '' }, doc: other, history: 'replace' });
    expect(store.getState().history).toBe('replace');
    store.getState().compareWith('v6.12');
    expect(store.getState().history).toBe('push');
  });
});
