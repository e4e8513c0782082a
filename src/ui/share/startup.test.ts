// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO_ID, builtinScenarios, getBuiltin } from '../../scenarios/library/all';
import { createAppStore } from '../../store/createAppStore';
import { runTrace } from '../boot';
import { scenarioText } from '../editor/docFormat';
import type { Draft } from '../editor/draft';
import { editorSession } from '../editor/session';
import { modes } from '../modes';
import { notices } from '../notices/notices';
import { codec } from './codec';
import { openStart, startup } from './startup';

function makeStore() {
  const def = getBuiltin(DEFAULT_SCENARIO_ID);
  if (!def) throw new Error('no default');
  return createAppStore({
    run: runTrace,
    prefs: { theme: 'light', speed: 1 },
    scenario: { id: def.id, title: def.title, summary: def.summary, doc: def },
  });
}
const other = builtinScenarios[3];
if (!other) throw new Error('few built-ins');
const mine = { ...structuredClone(other), title: 'My draft' };
const draft = (text: string, valid: string | null = null, open = true): Draft => ({
  text,
  valid,
  savedAt: Date.now(),
  open,
});
const kinds = () => notices.getState().list.map((n) => `${n.kind}:${n.source}`);

beforeEach(() => {
  notices.setState({ list: [] });
  editorSession.setState({ text: null });
  modes.setState({ editorOpen: false, embed: false });
});

describe('what the app opens on', () => {
  it('a good link, at its step', () => {
    const store = makeStore();
    openStart(store, codec, `#v=1&s=${other.id}&t=2`, null);
    expect(store.getState()).toMatchObject({ scenario: { id: other.id }, cursor: 2 });
    expect(kinds()).toEqual([]);
  });

  it('a bad link: says so and restores the draft (the user’s last scenario)', () => {
    const store = makeStore();
    openStart(store, codec, '#v=1&c=%%%', draft(scenarioText(mine)));
    expect(store.getState().scenario.title).toBe('My draft');
    expect(kinds()).toEqual(['error:link', 'info:draft']);
    expect(editorSession.getState().text).toBe(scenarioText(mine));
    expect(modes.getState().editorOpen).toBe(true);
  });

  it('no link: the draft, even when its text is mid-edit (invalid), from its last valid text', () => {
    const store = makeStore();
    const half = scenarioText(mine).slice(0, -20);
    openStart(store, codec, '', draft(half, scenarioText(mine), false));
    expect(store.getState().scenario.title).toBe('My draft');
    expect(editorSession.getState().text).toBe(half);
    expect(modes.getState().editorOpen).toBe(false);
    expect(notices.getState().list[0]?.action?.label).toBe('Edit it');
  });

  it('a reload while editing: the link is the draft, the editor text comes back', () => {
    const store = makeStore();
    const half = `${scenarioText(mine)} trailing`;
    const link = codec.encodeFragment({ source: { kind: 'custom', scenario: mine }, step: 1 });
    if (!link.ok) throw new Error(link.error);
    openStart(store, codec, link.fragment, draft(half, scenarioText(mine)));
    expect(store.getState().cursor).toBe(1);
    expect(editorSession.getState().text).toBe(half);
    expect(kinds()).toEqual(['info:draft']);
  });

  it('a link to something else: the draft stays unrestored, and a notice says it exists', () => {
    const store = makeStore();
    openStart(store, codec, `#v=1&s=${other.id}`, draft(scenarioText(mine)));
    expect(store.getState().scenario.id).toBe(other.id);
    expect(editorSession.getState().text).toBeNull();
    expect(kinds()).toEqual(['info:draft']);
    const notice = notices.getState().list[0];
    expect(notice?.text).toMatch(/^You have a draft “My draft” \(saved \d\d:\d\d\)/);
    // Its action restores the draft over the link, as a new history entry.
    notice?.action?.run();
    expect(store.getState().scenario.title).toBe('My draft');
    expect(editorSession.getState().text).toBe(scenarioText(mine));
    expect(modes.getState().editorOpen).toBe(true);
  });

  it('a draft known only by its hint is read lazily before the start opens', async () => {
    const store = makeStore();
    await startup(store, {
      location: { hash: '', search: '' },
      draft: { later: () => Promise.resolve(draft(scenarioText(mine))) },
    });
    expect(store.getState().scenario.title).toBe('My draft');
    expect(kinds()).toEqual(['info:draft']);
  });

  it('a draft that is garbage is ignored', () => {
    const store = makeStore();
    openStart(store, codec, '', draft('{"schema":"nope"}', '[]'));
    expect(store.getState().scenario.id).toBe(DEFAULT_SCENARIO_ID);
    expect(kinds()).toEqual([]);
  });

  it('embed mode: the link only, never the draft', async () => {
    const store = makeStore();
    await startup(store, {
      location: { hash: '#v=1&c=bad&embed=1', search: '' },
      draft: draft(scenarioText(mine)),
    });
    expect(modes.getState().embed).toBe(true);
    expect(store.getState().scenario.id).toBe(DEFAULT_SCENARIO_ID);
    expect(kinds()).toEqual(['error:link']);
    expect(document.documentElement.dataset.opening).toBeUndefined();
  });
});
