/**
 * What the app opens on: the link in the address bar if it can be opened; else (no link, or a link
 * that was refused, which is said) the user's autosaved draft, with a "restored your draft" notice;
 * else the default scenario the store started with. Runs once per store, before the first paint.
 */
import { ingestFile, ingestFragmentSync } from '../../ingest';
import type { AppStore } from '../../store/createAppStore';
import { savedAtLabel, type Draft } from '../editor/draft';
import { setEditorText } from '../editor/session';
import { embedRequested, setModes } from '../modes';
import { notify } from '../notices/notices';
import { isCurrent, metaFor } from './applyLink';
import { handleLinkResult, withUrlMode } from './urlSync';

export interface StartEnv {
  readonly location: Pick<Location, 'hash' | 'search'>;
  readonly draft: Draft | null;
}

const started = new WeakSet<AppStore>();

/** The draft's scenario: its text if that is valid, else its last valid text. */
function draftScenario(draft: Draft) {
  for (const text of [draft.text, draft.valid]) {
    if (text === null) continue;
    const r = ingestFile(text);
    if (r.ok) return r.scenario;
  }
  return null;
}

function reopenEditor(draft: Draft, title: string): void {
  setEditorText(draft.text);
  if (draft.open) setModes({ editorOpen: true });
  notify(
    'info',
    'draft',
    `Restored your draft “${title}” (saved ${savedAtLabel(draft.savedAt)}).`,
    draft.open
      ? undefined
      : {
          label: 'Edit it',
          run: () => {
            setModes({ editorOpen: true });
          },
        },
  );
}

export function startup(store: AppStore, env: StartEnv): void {
  if (started.has(store)) return;
  started.add(store);
  const { hash, search } = env.location;
  const embed = embedRequested(search, hash);
  setModes({ embed });
  if (new URLSearchParams(search).has('bench')) return;
  const { draft } = env;
  const fromDraft = draft && !embed ? draftScenario(draft) : null;

  if (hash !== '' && hash !== '#') {
    const opened = handleLinkResult(store, ingestFragmentSync(hash));
    if (opened) {
      // A reload while editing: the link is the draft's last valid state; bring the text back.
      if (draft && fromDraft && isCurrent(store, fromDraft))
        reopenEditor(draft, store.getState().scenario.title);
      return;
    }
  }
  if (draft && fromDraft) {
    const { meta, doc } = metaFor(fromDraft, null);
    withUrlMode('replace', () => {
      store.getState().loadScenario(meta, doc, 0);
    });
    reopenEditor(draft, meta.title);
  }
}
