/**
 * The editor's text and what it means: the one-line schema error of parseScenario (naming step and
 * field), or the scenario, which goes to the store a moment after typing stops, so the trace
 * follows the edit. Until the author types, the editor shows the scenario on screen (and follows
 * the picker); every edit after that is the draft, autosaved (debounced) to localStorage.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { parseScenario, type Scenario } from '../../scenarios';
import type { AppStore } from '../../store/createAppStore';
import { useApp } from '../../store/context';
import { commitScenario } from './commit';
import { saveDraft } from './draft';
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
  /** The user's edit: autosaved, committed when valid (replacing the URL). */
  readonly edit: (text: string) => void;
  /** A scenario from outside (an import): a new history entry. */
  readonly load: (scenario: Scenario) => void;
  /** Drop the draft from the editor (storage keeps it until the next edit). */
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
  const [saved, setSaved] = useState<{ state: SaveState; at: number }>({ state: 'idle', at: 0 });
  const lastValid = useRef<string | null>(null);
  const pushNext = useRef(false);
  const userEdited = useRef(false);
  const result = check(text);

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

  useEffect(() => {
    if (!userEdited.current || session === null) return;
    const save = () => {
      window.clearTimeout(t);
      window.removeEventListener('pagehide', save);
      const valid = check(session).ok ? session : lastValid.current;
      const at = Date.now();
      const ok = saveDraft({ text: session, valid, savedAt: at, open: true });
      setSaved({ state: ok ? 'saved' : 'failed', at });
    };
    const t = window.setTimeout(save, SAVE_DELAY_MS);
    // Leaving (a reload, a closed tab) saves what is pending at once.
    window.addEventListener('pagehide', save);
    return () => {
      window.clearTimeout(t);
      window.removeEventListener('pagehide', save);
    };
  }, [session]);

  return {
    text,
    check: result,
    isDraft: session !== null,
    saved: saved.state,
    savedAt: saved.at,
    edit: (next) => {
      userEdited.current = true;
      setEditorText(next);
    },
    load: (scenario) => {
      userEdited.current = true;
      pushNext.current = true;
      setEditorText(scenarioText(scenario));
    },
    followScreen: () => {
      userEdited.current = false;
      setEditorText(null);
    },
  };
}
