/**
 * What the app does with drafts (lazy, with the drafts store): save the editor's text into this
 * tab's slot, keep the current draft as a version before something replaces it (an import, a
 * restore, a link) and offer it back in a notice, restore a version, read the draft startup
 * restores.
 */
import { parseScenario } from '../../scenarios';
import type { AppStore } from '../../store/createAppStore';
import { commitScenario } from '../editor/commit';
import { savedAtLabel, type Draft } from '../editor/draft';
import { editorSession, markSaved, setEditorText } from '../editor/session';
import { setModes } from '../modes';
import { notify } from '../notices/notices';
import { tabSlot } from './hint';
import { newTabSlot, writePending } from './slots';
import { draftRepo, onOtherTabSave, type SaveResult } from './repo';
import {
  lastValid,
  summarizeVersion,
  validText,
  type DraftVersion,
  type TextSummary,
} from './versions';

/** The editor's verdict on a text: is it a scenario, and if so its title and step count. */
export interface EditorVerdict {
  readonly text: string;
  readonly ok: boolean;
  readonly summary?: TextSummary;
}

/**
 * The editor's newest verdict (its analysis worker's, useEditorDoc notes each one): a save or a
 * keep of that very text uses it instead of parsing the text again on the page, which takes
 * ~0.5 s for a 10,000-step scenario (a long task on every import over a long draft).
 */
let newest: EditorVerdict | null = null;

export function noteVerdict(v: EditorVerdict): void {
  newest = v;
}

/** What is known of `text` without parsing it: the fields a save request takes. */
function knownOf(
  text: string,
  verdict: EditorVerdict | null | undefined = newest,
): { ok?: boolean; summary?: TextSummary } {
  const v = verdict?.text === text ? verdict : newest?.text === text ? newest : null;
  if (v === null) return {};
  return { ok: v.ok, ...(v.summary ? { summary: v.summary } : {}) };
}

/** Save the editor's text now into this tab's slot (null: there is no draft text). */
export async function saveSession(
  knownValid: string | null,
  open = true,
  verdict?: EditorVerdict,
): Promise<SaveResult | null> {
  const { text, fresh } = editorSession.getState();
  if (text === null) return null;
  const repo = await draftRepo();
  // The editor's own verdict on this text, when it has one: a long text is not parsed again here.
  const r = await repo.save(tabSlot(), {
    text,
    fresh,
    knownValid,
    open,
    ...knownOf(text, verdict),
  });
  if (r.ok && editorSession.getState().text === text) markSaved();
  return r;
}

/** For an error boundary: true when the draft is in storage. */
export async function flushSession(now = Date.now()): Promise<boolean> {
  // A synchronous copy first: the page may be going away before the store has written.
  const text = editorSession.getState().text;
  if (text !== null) writePending(tabSlot(), text, now);
  return (await saveSession(null))?.ok ?? false;
}

/** Save what is typed, then keep the newest version as it is; returns it (null: no draft). */
export async function keepCurrent(knownValid: string | null = null): Promise<DraftVersion | null> {
  // The text now, before whatever replaces it lands (an async function runs to its first await).
  const { text, fresh } = editorSession.getState();
  const repo = await draftRepo();
  const id = tabSlot();
  // Both queued at once: no autosave of the replacing text comes between them.
  const saved =
    text === null ? null : repo.save(id, { text, fresh, knownValid, open: true, ...knownOf(text) });
  const kept = repo.keep(id);
  await saved;
  return (await kept)?.versions[0] ?? null;
}

export function titleOf(v: Pick<DraftVersion, 'text' | 'ok' | 'valid'>): string {
  return summarizeVersion({ ...v, savedAt: 0, startedAt: 0, by: '', kept: false }).title;
}

/** Put a version back in the editor and on screen; the text it replaces is kept first. */
export async function restoreVersion(
  store: AppStore,
  v: Pick<DraftVersion, 'text' | 'ok' | 'valid'>,
  origin: string | null = null,
): Promise<void> {
  await keepCurrent();
  setEditorText(v.text, { fresh: true, origin });
  setModes({ editorOpen: true });
  const valid = v.ok ? v.text : v.valid;
  if (valid === null) return;
  const p = parseScenario(valid);
  if (p.ok) commitScenario(store, p.scenario, 'push');
}

/** "Your draft “X” was kept — Restore". */
export function offerKept(store: AppStore, kept: DraftVersion, why: string): void {
  notify('info', 'draft', `Your draft “${titleOf(kept)}” was kept ${why}.`, {
    label: 'Restore',
    run: () => {
      void restoreVersion(store, kept);
    },
  });
}

let watching = false;

/**
 * Another tab's save is noticed, never overwritten: when it saves the draft this tab's text came
 * from, a notice offers it; when it saves this tab's own slot (a duplicated tab carries the slot
 * along), this tab moves to a slot of its own.
 */
export function watchOtherTabs(store: AppStore): void {
  if (watching) return;
  watching = true;
  void draftRepo().then(() =>
    onOtherTabSave((m) => {
      const shared = m.id === tabSlot();
      if (shared) newTabSlot();
      if (!shared && m.id !== editorSession.getState().origin) return;
      notify(
        'info',
        'draft',
        `A newer version of “${m.title}” was saved in another tab at ${savedAtLabel(m.savedAt)}.`,
        {
          label: 'Open it',
          run: () => {
            void draftRepo()
              .then((r) => r.load(m.id))
              .then((rec) => {
                const head = rec?.versions[0];
                if (head) return restoreVersion(store, head, m.id);
              });
          },
        },
      );
    }),
  );
}

/** The draft startup offers: the newest version of slot `id`. */
export async function startDraft(
  id: string,
  own: boolean,
  store?: AppStore,
): Promise<Draft | null> {
  if (store) watchOtherTabs(store);
  const rec = await (await draftRepo()).load(id);
  const head = rec?.versions[0];
  if (!rec || !head) return null;
  return {
    text: head.text,
    valid: validText(head) ?? lastValid(rec),
    savedAt: head.savedAt,
    open: rec.open,
    id,
    own,
  };
}
