/**
 * What the app opens on: the link in the address bar if it can be opened (and when a draft exists,
 * a notice says so and offers to restore it); else (no link, or a link that was refused, which is
 * said) the user's autosaved draft (this tab's own, else the newest), with a "restored your draft"
 * notice; else the default scenario the store started with. Reading a link or a draft needs the codec
 * chunk: until it has arrived (a few ms, from the service worker's cache) the views stay hidden
 * (`html[data-opening]`) rather than flash the default scenario.
 */
import type { AppStore } from '../../store/createAppStore';
import type { Scenario } from '../../scenarios';
import { savedAtLabel, type Draft } from '../editor/draft';
import { setEditorText } from '../editor/session';
import { embedRequested, linkedBuiltin } from '../../url/link';
import type { IngestResult } from '../../ingest';
import { readLink } from './linkRead';
import { loadBuiltin } from '../../scenarios/library';
import { isCurrent, metaFor } from './applyLink';
import type { Codec } from './codec';
import { handleLinkResult } from './urlSync';
import { setModes } from '../modes';
import { notify } from '../notices/notices';
import { loadCodec } from './codecRef';
import { loadEra } from '../../model';

/** A draft known to exist (from its hint) whose text is read with the drafts store, lazily. */
export interface DraftLater {
  readonly later: () => Promise<Draft | null>;
}

export interface StartEnv {
  readonly location: Pick<Location, 'hash' | 'search'>;
  readonly draft: Draft | DraftLater | null;
}

const isLater = (d: Draft | DraftLater): d is DraftLater => 'later' in d;

/** The start of each store, once: a second call (React's StrictMode) gets the same promise. */
const started = new WeakMap<AppStore, Promise<void>>();

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
  // This tab's own draft grows on; another tab's is copied into this tab's slot on the first edit.
  setEditorText(draft.text, { fresh: draft.own !== true, origin: draft.id ?? null });
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

/** A link opened over a draft: say the draft exists, and offer it (nothing is overwritten). */
function offerDraft(store: AppStore, draft: Draft, scenario: Scenario): void {
  const title = scenario.title ?? 'Untitled scenario';
  notify(
    'info',
    'draft',
    `You have a draft “${title}” (saved ${savedAtLabel(draft.savedAt)}); the link opened instead.`,
    {
      label: 'Restore',
      run: () => {
        const { meta, doc } = metaFor(scenario, null);
        store.getState().open({ meta, doc, step: 0, selection: null, history: 'push' });
        reopenEditor({ ...draft, open: true }, meta.title);
      },
    },
  );
}

/** With the codec: open the link, else restore the draft. */
export function openStart(
  store: AppStore,
  codec: Codec,
  hash: string,
  draft: Draft | null,
  /** The link, read already (linkRead.ts: a long one in the worker); absent: read it here. */
  read?: IngestResult,
): void {
  const fromDraft = draft ? draftScenario(codec, draft) : null;
  if (hash !== '' && hash !== '#') {
    const opened = handleLinkResult(store, read ?? codec.ingestFragmentSync(hash));
    if (opened) {
      // A reload while editing: the link is the draft's last valid state; bring the text back.
      if (draft && fromDraft && isCurrent(store, fromDraft))
        reopenEditor(draft, store.getState().scenario.title);
      else if (draft && fromDraft) offerDraft(store, draft, fromDraft);
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
  const running = started.get(store);
  if (running) return running;
  const p = startOnce(store, env);
  started.set(store, p);
  return p;
}

function startOnce(store: AppStore, env: StartEnv): Promise<void> {
  const { hash, search } = env.location;
  const embed = embedRequested(search, hash);
  setModes({ embed });
  if (new URLSearchParams(search).has('bench')) return Promise.resolve();
  const known = embed ? null : env.draft;
  const root = document.documentElement;
  if ((hash === '' || hash === '#') && known === null) {
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
  const draft =
    known === null
      ? Promise.resolve(null)
      : isLater(known)
        ? known.later().catch(() => null)
        : Promise.resolve(known);
  const codec = loadCodec();
  const hasLink = hash !== '' && hash !== '#';
  return Promise.all([
    codec,
    draft,
    loadEra('v6.12'),
    builtin === null ? undefined : loadBuiltin(builtin),
    hasLink ? codec.then((c) => readLink(c, hash)) : undefined,
  ])
    .then(([c, d, , , read]) => {
      openStart(store, c, hash, d, read);
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
