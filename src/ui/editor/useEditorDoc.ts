/**
 * The editor's text and what it means: the one-line schema error of parseScenario (naming step and
 * field), or the scenario, which goes to the store a moment after typing stops, so the trace
 * follows the edit. Until the author types, the editor shows the scenario on screen (and follows
 * the picker); every edit after that is the draft, autosaved (debounced) into this tab's slot of
 * the drafts store (src/ui/drafts). Text that the loader could not open again is not saved, and
 * the editor says so. An import, or a link opened while editing, keeps the draft as a version and
 * offers it back.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { parseScenario, type Scenario } from '../../scenarios';
import type { AppStore } from '../../store/createAppStore';
import { useApp } from '../../store/context';
import { keepCurrent, offerKept, saveSession, watchOtherTabs } from '../drafts/actions';
import { tabSlot } from '../drafts/hint';
import { writePending } from '../drafts/slots';
import { commitScenario } from './commit';
import { scenarioText } from './docFormat';
import { setEditorText, useSessionText } from './session';

export const PARSE_DELAY_MS = 150;
export const SAVE_DELAY_MS = 500;

export type Check =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly error: string };

export type SaveState = 'idle' | 'saved' | 'failed';

export interface EditorDoc {
  readonly text: string;
  /** The text parsed now (the store gets it after PARSE_DELAY_MS). */
  readonly check: Check;
  /** Is the text the author's own draft (edited), or the scenario on screen? */
  readonly isDraft: boolean;
  readonly saved: SaveState;
  /** When the draft was last saved (ms since the epoch). */
  readonly savedAt: number;
  /** Why the last save failed. */
  readonly saveError: string;
  /** The user's edit: autosaved, committed when valid (replacing the URL). */
  readonly edit: (text: string) => void;
  /** A scenario from outside (an import): a new history entry; the draft is kept first. */
  readonly load: (scenario: Scenario) => void;
  /** Drop the draft from the editor (storage keeps it as a version). */
  readonly followScreen: () => void;
}

const memo = new Map<string, Check>();
/** parseScenario, remembering the last few texts (the form re-renders often). */
function check(text: string): Check {
  let r = memo.get(text);
  if (r === undefined) {
    r = parseScenario(text);
    if (memo.size > 8) memo.clear();
    memo.set(text, r);
  }
  return r;
}

export function useEditorDoc(store: AppStore): EditorDoc {
  const session = useSessionText();
  const screenDoc = useApp((s) => s.scenario.doc);
  const screenText = useMemo(() => scenarioText(screenDoc), [screenDoc]);
  const text = session ?? screenText;
  const [saved, setSaved] = useState<{ state: SaveState; at: number; error: string }>({
    state: 'idle',
    at: 0,
    error: '',
  });
  const lastValid = useRef<string | null>(null);
  const pushNext = useRef(false);
  const userEdited = useRef(false);
  const result = check(text);

  useEffect(() => {
    watchOtherTabs(store);
  }, [store]);

  useEffect(() => {
    const t = window.setTimeout(() => {
      const r = check(text);
      if (!r.ok) return;
      lastValid.current = text;
      commitScenario(store, r.scenario, pushNext.current ? 'push' : 'replace');
      pushNext.current = false;
    }, PARSE_DELAY_MS);
    return () => {
      window.clearTimeout(t);
    };
  }, [text, store]);

  // Something else replaced the editor's scenario on screen (a link, Back, the picker): the draft
  // is kept as a version, and the notice offers it back.
  const seenScreen = useRef(screenDoc);
  useEffect(() => {
    if (seenScreen.current === screenDoc) return;
    seenScreen.current = screenDoc;
    const s = store.getState();
    if (session === null || s.editorDoc === screenDoc) return;
    const c = check(session);
    if (c.ok && scenarioText(c.scenario) === screenText) return;
    void keepCurrent(lastValid.current).then((kept) => {
      if (kept) offerKept(store, kept, 'while another scenario opened');
    });
  }, [screenDoc, screenText, session, store]);

  useEffect(() => {
    if (!userEdited.current || session === null) return;
    let done = false;
    const save = () => {
      if (done) return;
      done = true;
      window.clearTimeout(t);
      window.removeEventListener('pagehide', leave);
      void saveSession(lastValid.current).then((r) => {
        if (r === null) return;
        setSaved(
          r.ok
            ? { state: 'saved', at: r.savedAt, error: '' }
            : { state: 'failed', at: Date.now(), error: r.message },
        );
      });
    };
    // Leaving (a reload, a closed tab): a synchronous copy first (an IndexedDB write started now
    // may not finish), folded into the draft on the next load.
    const leave = () => {
      writePending(tabSlot(), session, Date.now());
      save();
    };
    const t = window.setTimeout(save, SAVE_DELAY_MS);
    window.addEventListener('pagehide', leave);
    return () => {
      window.clearTimeout(t);
      window.removeEventListener('pagehide', leave);
    };
  }, [session]);

  return {
    text,
    check: result,
    isDraft: session !== null,
    saved: saved.state,
    savedAt: saved.at,
    saveError: saved.error,
    edit: (next) => {
      userEdited.current = true;
      setEditorText(next);
    },
    load: (scenario) => {
      userEdited.current = true;
      pushNext.current = true;
      void keepCurrent(lastValid.current).then((kept) => {
        if (kept) offerKept(store, kept, 'before the import');
      });
      setEditorText(scenarioText(scenario), { fresh: true });
    },
    followScreen: () => {
      userEdited.current = false;
      setEditorText(null, { fresh: true });
    },
  };
}
