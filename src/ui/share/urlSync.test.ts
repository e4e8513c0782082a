import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { asPid, asVpn } from '../../model';
import { builtinScenarios, DEFAULT_SCENARIO_ID, getBuiltin } from '../../scenarios/library/all';
import { createAppStore } from '../../store/createAppStore';
import type { ScenarioDoc } from '../../store/model';
import { runTrace } from '../boot';
import { notices } from '../notices/notices';
import { codec } from './codec';
import { registerCodec } from './codecRef';
import { SETTLE_MS, DEBOUNCE_MS, connectUrl } from './urlSync';
import { fakeEnv } from '../../test/fakeUrlEnv';
import { MOVER_FADE_MS, STEP_MOTION_MS } from '../../views/map/motion';

registerCodec(codec); // custom links are encoded synchronously

function makeStore() {
  const def = getBuiltin(DEFAULT_SCENARIO_ID);
  if (!def) throw new Error('no default');
  return createAppStore({
    run: runTrace,
    prefs: { theme: 'light', speed: 1 },
    scenario: { id: def.id, title: def.title, summary: def.summary, doc: def },
  });
}

const flush = () => new Promise((r) => setTimeout(r, 0));
const other = builtinScenarios.find((s) => s.id !== DEFAULT_SCENARIO_ID);
if (!other) throw new Error('one built-in only');

beforeEach(() => {
  notices.setState({ list: [] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the address bar follows the app', () => {
  it("writes a step after the map's transition has ended, never in the middle of it", () => {
    expect(SETTLE_MS).toBeGreaterThan(STEP_MOTION_MS + MOVER_FADE_MS);
    vi.useFakeTimers();
    const store = makeStore();
    const env = fakeEnv();
    const stop = connectUrl(store, env, () => false);
    const writes = env.replaces.length;
    store.getState().seek(3);
    vi.advanceTimersByTime(STEP_MOTION_MS + MOVER_FADE_MS);
    expect(env.replaces.length).toBe(writes);
    vi.advanceTimersByTime(SETTLE_MS - STEP_MOTION_MS - MOVER_FADE_MS);
    expect(env.replaces.length).toBe(writes + 1);
    stop();
  });

  it('writes the start state, replaces on steps and selections, pushes a new scenario', () => {
    vi.useFakeTimers();
    const store = makeStore();
    const env = fakeEnv();
    const stop = connectUrl(store, env, () => false);
    expect(env.location.hash).toBe(`#v=1&s=${DEFAULT_SCENARIO_ID}&t=0`);
    const writes = env.replaces.length;
    store.getState().seek(3);
    store.getState().select({ kind: 'pte', pid: asPid(1), vpn: asVpn(0x10000) });
    // Written a little later, once for both changes.
    expect(env.replaces.length).toBe(writes);
    vi.advanceTimersByTime(SETTLE_MS);
    expect(env.replaces.length).toBe(writes + 1);
    expect(env.location.hash).toBe(`#v=1&s=${DEFAULT_SCENARIO_ID}&t=3&sel=pte.1.10000000`);
    // A new scenario right after a step: the step is written to the entry being left first.
    store.getState().seek(2);
    expect(env.pushes).toEqual([]);
    store.getState().open({
      meta: { id: other.id, title: other.title, summary: '' },
      doc: other,
      step: 0,
      selection: null,
    });
    expect(env.replaces.at(-1)).toBe(`#v=1&s=${DEFAULT_SCENARIO_ID}&t=2&sel=pte.1.10000000`);
    expect(env.pushes).toEqual([`#v=1&s=${other.id}&t=0`]);
    store.getState().open({
      meta: { id: null, title: 'x', summary: '' },
      doc: { ...other, title: 'x' },
      step: 0,
      selection: null,
      history: 'replace',
    });
    expect(env.pushes).toHaveLength(1);
    expect(env.location.hash).toMatch(/^#v=[12]&c=/);
    stop();
  });

  it('keeps embed=1 and writes at most every DEBOUNCE_MS while playing', () => {
    vi.useFakeTimers();
    const store = makeStore();
    const env = fakeEnv();
    connectUrl(store, env, () => true);
    expect(env.location.hash).toMatch(/&embed=1$/);
    const writes = env.replaces.length;
    store.getState().play();
    store.getState().advance();
    store.getState().advance();
    expect(env.replaces.length).toBe(writes);
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(env.replaces.length).toBe(writes + 1);
    expect(env.location.hash).toContain('&t=2&');
    store.getState().advance();
    store.getState().pause();
    expect(env.location.hash).toContain('&t=3&');
  });
});

describe('links reached by hashchange', () => {
  it('open a good link at its step and selection', async () => {
    const store = makeStore();
    const env = fakeEnv();
    connectUrl(store, env, () => false);
    env.navigate(`#v=1&s=${other.id}&t=2&sel=dev.dmirror0`);
    await flush();
    expect(store.getState()).toMatchObject({
      scenario: { id: other.id },
      cursor: 2,
      selection: { kind: 'device', device: 'dmirror0' },
    });
    expect(notices.getState().list).toEqual([]);
  });

  it('refuse a bad link: the scenario stays, an error says why, the URL shows the state again', async () => {
    const store = makeStore();
    const env = fakeEnv();
    connectUrl(store, env, () => false);
    store.getState().seek(2);
    const before = store.getState().scenario;
    for (const bad of ['#v=1&c=AAAA', '#v=9&s=x', '#v=1&s=nope', `#v=1&s=${'a'.repeat(40_000)}`]) {
      env.navigate(bad);
      await flush();
      expect(store.getState().scenario).toBe(before);
      expect(store.getState().cursor).toBe(2);
      expect(notices.getState().list.map((n) => [n.kind, n.source])).toEqual([['error', 'link']]);
      expect(env.location.hash).toBe(`#v=1&s=${DEFAULT_SCENARIO_ID}&t=2`);
    }
  });

  it('warn about a step past the end and show the last one', async () => {
    const store = makeStore();
    const env = fakeEnv();
    connectUrl(store, env, () => false);
    env.navigate(`#v=1&s=${DEFAULT_SCENARIO_ID}&t=999`);
    await flush();
    expect(store.getState().cursor).toBe(store.getState().trace.length - 1);
    expect(notices.getState().list[0]).toMatchObject({ kind: 'warning', source: 'link' });
  });

  it('read a link once though the browser fires popstate and hashchange for it', async () => {
    const store = makeStore();
    const env = fakeEnv();
    connectUrl(store, env, () => false);
    const read = vi.spyOn(codec, 'ingestFragment');
    const open = vi.spyOn(store.getState(), 'open');
    env.navigate(`#v=1&s=${other.id}&t=1`);
    await flush();
    expect(read).toHaveBeenCalledTimes(1);
    expect(open).toHaveBeenCalledTimes(1);
    expect(store.getState()).toMatchObject({ scenario: { id: other.id }, cursor: 1 });
    // Once read, the same link reached again (Back, then Forward) is read again.
    env.navigate(`#v=1&s=${DEFAULT_SCENARIO_ID}&t=0`);
    await flush();
    env.navigate(`#v=1&s=${other.id}&t=1`);
    await flush();
    expect(read).toHaveBeenCalledTimes(3);
    read.mockRestore();
  });

  it('ignore their own writes and an emptied fragment', async () => {
    const store = makeStore();
    const env = fakeEnv();
    connectUrl(store, env, () => false);
    const spy = vi.spyOn(store.getState(), 'open');
    env.navigate(env.location.hash);
    env.navigate('');
    await flush();
    expect(spy).not.toHaveBeenCalled();
  });

  it('a custom scenario seeks instead of reloading when it is already on screen', async () => {
    const store = makeStore();
    const env = fakeEnv();
    connectUrl(store, env, () => false);
    const doc = { ...structuredClone(other), title: 'Mine' } as ScenarioDoc;
    store.getState().open({
      meta: { id: null, title: 'Mine', summary: '' },
      doc,
      step: 0,
      selection: null,
      history: 'replace',
    });
    const link = env.location.hash.replace('&t=0', '&t=1');
    const trace = store.getState().trace;
    env.location.hash = '#x';
    env.navigate(link);
    await flush();
    expect(store.getState().trace).toBe(trace);
    expect(store.getState().cursor).toBe(1);
  });
});

describe('the start link and background loads', () => {
  it('keeps the start link in the address bar until startup has opened it', async () => {
    const store = makeStore();
    const env = fakeEnv('#v=1&s=some-link&t=4');
    let started!: () => void;
    const ready = new Promise<void>((r) => {
      started = r;
    });
    const stop = connectUrl(store, env, () => false, ready);
    await flush();
    expect(env.location.hash).toBe('#v=1&s=some-link&t=4');
    expect(env.replaces).toEqual([]);
    // The link was refused (nothing changed): the address bar shows what is on screen.
    started();
    await flush();
    expect(env.location.hash).toBe(`#v=1&s=${DEFAULT_SCENARIO_ID}&t=0`);
    stop();
  });

  it('writes nothing while a document loads in the background, and the screen again on Cancel', async () => {
    const def = getBuiltin(DEFAULT_SCENARIO_ID) as ScenarioDoc;
    let cancelled = false;
    const store = createAppStore({
      run: runTrace,
      prefs: { theme: 'light', speed: 1 },
      scenario: { id: def.id ?? null, title: def.title ?? '', summary: '', doc: def },
      background: {
        heavy: (d) => d === other,
        start: () => ({
          done: new Promise(() => undefined),
          cancel: () => {
            cancelled = true;
          },
        }),
      },
    });
    const env = fakeEnv();
    const stop = connectUrl(store, env, () => false);
    env.navigate(`#v=1&s=${other.id}&t=1`);
    await flush();
    await flush();
    expect(store.getState().loading).not.toBeNull();
    const writes = env.replaces.length + env.pushes.length;
    store.getState().seek(2);
    await new Promise((r) => setTimeout(r, SETTLE_MS + 20));
    expect(env.replaces.length + env.pushes.length).toBe(writes);
    expect(env.location.hash).toBe(`#v=1&s=${other.id}&t=1`);
    store.getState().cancelLoading();
    expect(cancelled).toBe(true);
    expect(env.location.hash).toBe(`#v=1&s=${DEFAULT_SCENARIO_ID}&t=2`);
    stop();
  });
});
