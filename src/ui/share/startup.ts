/**
 * What the app opens on: the link in the address bar if it can be opened; else (no link, or a link
 * that was refused, which is said) the user's autosaved draft, with a "restored your draft" notice;
 * else the default scenario the store started with. Reading a link or a draft needs the codec
 * chunk: until it has arrived (a few ms, from the service worker's cache) the views stay hidden
 * (`html[data-opening]`) rather than flash the default scenario.
 */
import type { AppStore } from '../../store/createAppStore';
import { savedAtLabel, type Draft } from '../editor/draft';
import { setEditorText } from '../editor/session';
import { embedRequested, linkedBuiltin } from '../../url/link';
import { loadBuiltin } from '../../scenarios/library';
import { setModes } from '../modes';
import { notify } from '../notices/notices';
import { isCurrent, metaFor } from './applyLink';
import type { Codec } from './codec';
import { loadCodec } from './codecRef';
import { loadEra } from '../../model';
import { handleLinkResult } from './urlSync';

export interface StartEnv {
  readonly location: Pick<Location, 'hash' | 'search'>;
  readonly draft: Draft | null;
}

const started = new WeakSet<AppStore>();

/** The draft's scenario: its text if that is valid, else its last valid text. */
function draftScenario(codec: Codec, draft: Draft) {
  for (const text of [draft.text, draft.valid]) {
    if (text === null) continue;
    const r = codec.ingestFile(text);
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

/** With the codec: open the link, else restore the draft. */
export function openStart(store: AppStore, codec: Codec, hash: string, draft: Draft | null): void {
  const fromDraft = draft ? draftScenario(codec, draft) : null;
  if (hash !== '' && hash !== '#') {
    const opened = handleLinkResult(store, codec.ingestFragmentSync(hash));
    if (opened) {
      // A reload while editing: the link is the draft's last valid state; bring the text back.
      if (draft && fromDraft && isCurrent(store, fromDraft))
        reopenEditor(draft, store.getState().scenario.title);
      return;
    }
  }
  if (draft && fromDraft) {
    const { meta, doc } = metaFor(fromDraft, null);
    store.getState().open({ meta, doc, step: 0, selection: null, history: 'replace' });
    reopenEditor(draft, meta.title);
  }
}

/** Runs once per store. Returns a promise that settles when the start scenario is on screen. */
export function startup(store: AppStore, env: StartEnv): Promise<void> {
  if (started.has(store)) return Promise.resolve();
  started.add(store);
  const { hash, search } = env.location;
  const embed = embedRequested(search, hash);
  setModes({ embed });
  if (new URLSearchParams(search).has('bench')) return Promise.resolve();
  const draft = embed ? null : env.draft;
  const root = document.documentElement;
  if ((hash === '' || hash === '#') && draft === null) {
    // Nothing to read now; fetch the codec while idle, for a link typed later or an edit.
    setTimeout(() => {
      void loadCodec().catch(() => undefined);
      // The v6.12 kernel image too, for an era chosen or a link opened later.
      void loadEra('v6.12').catch(() => undefined);
    }, 1500);
    return Promise.resolve();
  }
  root.dataset.opening = '';
  // A link or a draft may be in v6.12 or compare with it: its image comes with the codec; a
  // built-in the link names is a chunk of its own, loaded before the views show (no flash of the
  // default scenario).
  const builtin = linkedBuiltin(hash);
  return Promise.all([
    loadCodec(),
    loadEra('v6.12'),
    builtin === null ? undefined : loadBuiltin(builtin),
  ])
    .then(([codec]) => {
      openStart(store, codec, hash, draft);
    })
    .catch(() => {
      notify(
        'error',
        'link',
        'The link could not be opened: part of the app failed to load. Reload to try again.',
      );
    })
    .finally(() => {
      delete root.dataset.opening;
    });
}
