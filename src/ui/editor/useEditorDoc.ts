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
import type { AppStore } from '../../store/createAppStore';
import { useApp } from '../../store/context';
import {
  keepCurrent,
  noteVerdict,
  offerKept,
  saveSession,
  watchOtherTabs,
  type EditorVerdict,
} from '../drafts/actions';
import { tabSlot } from '../drafts/hint';
import { writePending } from '../drafts/slots';
import { commitScenario } from './commit';
import { parseScenario } from '../../scenarios';
import { BIG_TEXT, type Analysis, type Check } from './analysis';
import type { Json, Working } from './stepOps';
import { useAnalysis } from './useAnalysis';
import { scenarioText } from './docFormat';
import { setEditorText, useSessionText } from './session';

export const PARSE_DELAY_MS = 150;
export const SAVE_DELAY_MS = 500;

export type { Check } from './analysis';

export type SaveState = 'idle' | 'saved' | 'failed';

export interface EditorDoc {
  readonly text: string;
  /**
   * The schema's verdict on the text (the store gets it after PARSE_DELAY_MS). While a long text
   * is being checked (`checking`), the verdict on the text before it.
   */
  readonly check: Check;
  /**
   * The text as JSON, for the step forms: after a form edit, the JSON it printed; otherwise, while
   * `checking`, the text before it.
   */
  readonly working: Working;
  /** A long text is being checked away from the main thread. */
  readonly checking: boolean;
  /** Is the text the author's own draft (edited), or the scenario on screen? */
  readonly isDraft: boolean;
  readonly saved: SaveState;
  /** When the draft was last saved (ms since the epoch). */
  readonly savedAt: number;
  /** Why the last save failed. */
  readonly saveError: string;
  /**
   * The user's edit: autosaved, committed when valid (replacing the URL). A form edit passes the
   * JSON it printed as `text`: the forms show it at once, without waiting for the text's analysis
   * (a controlled input shown an older value would drop the keys typed meanwhile).
   */
  readonly edit: (text: string, doc?: Json) => void;
  /**
   * A scenario from outside (an import), as the editor prints it (the file reader printed it):
   * a new history entry; the draft is kept first.
   */
  readonly load: (text: string) => void;
  /** Drop the draft from the editor (storage keeps it as a version). */
  readonly followScreen: () => void;
}

const CHECKING: Analysis = {
  text: '',
  working: { ok: false, error: 'checking the scenario…' },
  check: { ok: false, error: 'Checking the scenario…' },
};

export function useEditorDoc(store: AppStore): EditorDoc {
  const session = useSessionText();
  const screenDoc = useApp((s) => s.scenario.doc);
  // Printing a long scenario costs tens of milliseconds: only while the editor shows it.
  const following = session === null;
  const screenText = useMemo(
    () => (following ? scenarioText(screenDoc) : null),
    [following, screenDoc],
  );
  const text = session ?? screenText ?? '';
  const [saved, setSaved] = useState<{ state: SaveState; at: number; error: string }>({
    state: 'idle',
    at: 0,
    error: '',
  });
  const lastValid = useRef<string | null>(null);
  const pushNext = useRef(false);
  const userEdited = useRef(false);
  // The JSON the last form edit printed, while it is the text.
  const [formDoc, setFormDoc] = useState<{ readonly text: string; readonly doc: Json } | null>(
    null,
  );
  const known = formDoc?.text === text ? formDoc.doc : null;
  const analysis = useAnalysis(text, known);
  const shown = analysis.last ?? CHECKING;
  const working = useMemo<Working>(
    () => (known === null ? shown.working : { ok: true, doc: known }),
    [known, shown.working],
  );

  useEffect(() => {
    watchOtherTabs(store);
  }, [store]);

  const current = analysis.current;
  // The newest verdict, for the autosave (which would otherwise parse the text once more).
  const verdictRef = useRef<EditorVerdict | null>(null);
  useEffect(() => {
    if (current === null) return;
    const c = current.check;
    const v: EditorVerdict = c.ok
      ? {
          text: current.text,
          ok: true,
          summary: {
            title: c.scenario.title ?? 'Untitled scenario',
            steps: c.scenario.steps.length,
          },
        }
      : { text: current.text, ok: false };
    verdictRef.current = v;
    noteVerdict(v);
  }, [current]);
  useEffect(() => {
    if (current === null) return;
    const t = window.setTimeout(() => {
      if (!current.check.ok) return;
      lastValid.current = current.text;
      commitScenario(store, current.check.scenario, pushNext.current ? 'push' : 'replace');
      pushNext.current = false;
    }, PARSE_DELAY_MS);
    return () => {
      window.clearTimeout(t);
    };
  }, [current, store]);

  // Something else replaced the editor's scenario on screen (a link, Back, the picker): the draft
  // is kept as a version, and the notice offers it back.
  const seenScreen = useRef(screenDoc);
  useEffect(() => {
    if (seenScreen.current === screenDoc) return;
    seenScreen.current = screenDoc;
    const s = store.getState();
    if (session === null || s.editorDoc === screenDoc) return;
    // Rare (another scenario replaced the editor's): the text's verdict, computed here if the
    // worker has not given it yet.
    const c = current?.text === session ? current.check : parseScenario(session);
    if (c.ok && scenarioText(c.scenario) === scenarioText(screenDoc)) return;
    void keepCurrent(lastValid.current).then((kept) => {
      if (kept) offerKept(store, kept, 'while another scenario opened');
    });
  }, [screenDoc, session, store, current]);

  useEffect(() => {
    if (!userEdited.current || session === null) return;
    let done = false;
    const save = (leaving: boolean) => {
      if (done) return;
      const known = verdictRef.current;
      // A long text is saved with its verdict from the worker: without it the save would parse the
      // whole text on the page (~0.4 s for 10,000 steps). Until it comes, try again a bit later.
      if (!leaving && session.length > BIG_TEXT && known?.text !== session) {
        t = window.setTimeout(() => {
          save(false);
        }, SAVE_DELAY_MS);
        return;
      }
      done = true;
      window.clearTimeout(t);
      window.removeEventListener('pagehide', leave);
      void saveSession(lastValid.current, true, known ?? undefined).then((r) => {
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
      save(true);
    };
    let t = window.setTimeout(() => {
      save(false);
    }, SAVE_DELAY_MS);
    window.addEventListener('pagehide', leave);
    return () => {
      window.clearTimeout(t);
      window.removeEventListener('pagehide', leave);
    };
  }, [session]);

  return {
    text,
    check: shown.check,
    working,
    checking: analysis.current === null,
    isDraft: session !== null,
    saved: saved.state,
    savedAt: saved.at,
    saveError: saved.error,
    edit: (next, doc) => {
      userEdited.current = true;
      setFormDoc(doc === undefined ? null : { text: next, doc });
      setEditorText(next);
    },
    load: (printed) => {
      userEdited.current = true;
      pushNext.current = true;
      void keepCurrent(lastValid.current).then((kept) => {
        if (kept) offerKept(store, kept, 'before the import');
      });
      setEditorText(printed, { fresh: true });
    },
    followScreen: () => {
      userEdited.current = false;
      setEditorText(null, { fresh: true });
    },
  };
}
