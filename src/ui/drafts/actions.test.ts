// @vitest-environment happy-dom
// Issue 11 §3: importing a file (or opening a link) over a draft keeps it, with a Restore.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SCENARIO_ID, builtinScenarios, getBuiltin } from '../../scenarios/library/all';
import { createAppStore } from '../../store/createAppStore';
import { runTrace } from '../boot';
import { scenarioText } from '../editor/docFormat';
import { editorSession, setEditorText } from '../editor/session';
import { modes } from '../modes';
import { notices } from '../notices/notices';
import { keepCurrent, noteVerdict, offerKept, saveSession, startDraft } from './actions';
import { memoryBackend } from './backend';
import { tabSlot } from './hint';
import { DraftRepo, setDraftRepo } from './repo';

// Counts the page's own parses of a draft text (the drafts code imports parseScenario from here).
const parsed = vi.hoisted(() => ({ texts: [] as string[] }));
vi.mock('../../scenarios', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../scenarios')>();
  return {
    ...real,
    parseScenario: (text: string) => {
      parsed.texts.push(text);
      return real.parseScenario(text);
    },
  };
});

function makeStore() {
  const def = getBuiltin(DEFAULT_SCENARIO_ID);
  if (!def) throw new Error('no default');
  return createAppStore({
    run: runTrace,
    prefs: { theme: 'light', speed: 1 },
    scenario: { id: def.id, title: def.title, summary: def.summary, doc: def },
  });
}
const base = builtinScenarios[2];
if (!base) throw new Error('few built-ins');
const MINE = scenarioText({ ...structuredClone(base), title: 'Mine' });
const HALF = MINE.slice(0, -25);
const IMPORTED = scenarioText({ ...structuredClone(base), title: 'Imported' });

let repo: DraftRepo;
beforeEach(() => {
  repo = new DraftRepo(memoryBackend(), null, 'this-page', false);
  setDraftRepo(repo);
  notices.setState({ list: [] });
  editorSession.setState({ text: null, fresh: true, origin: null });
  modes.setState({ editorOpen: false });
});

describe('draft actions', () => {
  it('an import keeps the draft (even mid-edit, unsaved) and the notice restores it', async () => {
    const store = makeStore();
    setEditorText(MINE, { fresh: true });
    await saveSession(null);
    setEditorText(HALF); // typed, not saved yet
    // What the editor's import does: keep, then replace.
    const kept = keepCurrent(MINE);
    setEditorText(IMPORTED, { fresh: true });
    const v = await kept;
    expect(v?.text).toBe(HALF);
    if (!v) return;
    offerKept(store, v, 'before the import');
    await saveSession(IMPORTED);
    const rec = await repo.load(tabSlot());
    // HALF grew the version MINE started (same page, still editing); the import starts a new one.
    expect(rec?.versions.map((x) => x.text)).toEqual([IMPORTED, HALF]);
    const notice = notices.getState().list.at(-1);
    expect(notice?.text).toBe('Your draft “Mine” was kept before the import.');
    expect(notice?.action?.label).toBe('Restore');
    notice?.action?.run();
    await new Promise((r) => setTimeout(r, 50));
    expect(editorSession.getState().text).toBe(HALF);
    expect(modes.getState().editorOpen).toBe(true);
    // Restoring an invalid text puts its last valid text on screen.
    expect(store.getState().scenario.title).toBe('Mine');
    // And the imported text it replaced is kept too.
    expect((await repo.load(tabSlot()))?.versions.some((x) => x.text === IMPORTED)).toBe(true);
  });

  it('keeping or saving a text the editor has a verdict on does not parse it on the page', async () => {
    // Issue 12: parsing a 10,000-step draft on the page took ~0.5 s, on every import over it.
    setEditorText(MINE, { fresh: true });
    noteVerdict({ text: MINE, ok: true, summary: { title: 'Mine', steps: 3 } });
    await saveSession(null);
    setEditorText(HALF);
    noteVerdict({ text: HALF, ok: false });
    parsed.texts.length = 0;
    const kept = await keepCurrent(MINE);
    expect(kept).toMatchObject({ text: HALF, ok: false, valid: MINE });
    expect(parsed.texts).not.toContain(HALF);
    // A text the editor has not judged yet is still parsed: its verdict must be right.
    setEditorText(IMPORTED, { fresh: true });
    await saveSession(null);
    expect(parsed.texts).toContain(IMPORTED);
    expect((await repo.load(tabSlot()))?.versions[0]).toMatchObject({ text: IMPORTED, ok: true });
  });

  it('startup reads the newest version with its last valid text', async () => {
    setEditorText(MINE, { fresh: true });
    await saveSession(null);
    setEditorText(HALF);
    await saveSession(null);
    const d = await startDraft(tabSlot(), true);
    expect(d).toMatchObject({ text: HALF, valid: MINE, own: true, open: true });
  });
});
