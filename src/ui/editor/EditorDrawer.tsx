import './editor.css';
import { lazy, Suspense, useDeferredValue, useEffect, useId, useState } from 'react';
import { useApp, useAppApi } from '../../store/context';
import { sameDoc } from '../../scenarios/sameDoc';
import { setModes } from '../modes';
import { DraftsList } from '../drafts/DraftsList';
import { tabSlot } from '../drafts/hint';
import { draftRepo } from '../drafts/repo';
import { savedAtLabel } from './draft';
import { formatDocument } from './docFormat';
import { FileButtons } from './FileButtons';
import type { Json } from './stepOps';
import { StepsTab } from './StepsTab';
import { resultsFor, stampNotes } from './noteCheck';
import { useEditorDoc } from './useEditorDoc';

type Tab = 'steps' | 'json';

// The JSON tab's code editor (CodeMirror) is its own chunk: opening the editor on its Steps tab
// does not wait for it.
const JsonTab = lazy(() => import('./JsonTab'));

/** The scenario editor: a step list with per-op forms, or the JSON; live schema errors; files. */
export default function EditorDrawer() {
  const store = useAppApi();
  const ed = useEditorDoc(store);
  const [tab, setTab] = useState<Tab>('steps');
  const id = useId();
  const working = ed.working;
  const error = ed.checking || ed.check.ok ? null : ed.check.error;
  const title = working.ok && typeof working.doc.title === 'string' ? working.doc.title : undefined;
  const trace = useApp((s) => s.trace);
  // Until the first edit the document is the scenario on screen: its notes were written for the
  // results on screen, so the first edit records them (noteFor) and later edits are checked. A
  // render late, as StepsTab's checks (the same results), not in the task that completes a
  // trace; and only once caught up: a stamp is written into the document, so it is never taken
  // from the trace before (an edit in between records nothing, as an edit of a draft does).
  const settled = useDeferredValue(trace) === trace;
  const editDoc =
    working.ok && !ed.isDraft
      ? settled
        ? stampNotes(working.doc, resultsFor(working.doc, trace))
        : working.doc
      : null;
  const setDoc = (doc: Json) => {
    ed.edit(formatDocument(doc), doc);
  };

  // Closing the editor: a restored draft no longer reopens it.
  useEffect(
    () => () => {
      void draftRepo().then((r) => r.setOpen(tabSlot(), false));
    },
    [],
  );

  const status = ed.checking
    ? 'Checking the scenario…'
    : error === null
      ? `Valid scenario: ${ed.check.ok ? ed.check.scenario.steps.length : 0} steps. The views follow your edits.`
      : error;
  const tabs: [Tab, string][] = [
    ['steps', 'Steps'],
    ['json', 'JSON'],
  ];
  const screenDoc = useApp((s) => s.scenario.doc);
  const editorDoc = useApp((s) => s.editorDoc);
  const offTrack =
    ed.isDraft &&
    screenDoc !== editorDoc &&
    !(ed.check.ok && sameDoc(screenDoc, ed.check.scenario));
  return (
    <aside className="editor-drawer" aria-label="Scenario editor" data-testid="editor">
      <header className="editor-head">
        <h2>Edit scenario</h2>
        <FileButtons text={ed.text} valid={ed.check.ok} title={title} onImport={ed.load} />
        <button
          type="button"
          aria-label="Close the editor"
          onClick={() => {
            setModes({ editorOpen: false });
          }}
        >
          Close
        </button>
      </header>
      <p
        id="editor-status"
        className={`editor-status ${ed.checking ? '' : error === null ? 'ok' : 'bad'}`}
        role="status"
        aria-live="polite"
        data-testid="editor-status"
      >
        {status}
      </p>
      <p className="small muted editor-save" data-testid="editor-saved">
        {ed.saved === 'saved' && `Draft saved in this browser at ${savedAtLabel(ed.savedAt)}.`}
        {ed.saved === 'failed' && ed.saveError}
        {ed.saved === 'idle' &&
          (ed.isDraft
            ? 'Your draft, saved in this browser as you type.'
            : 'Editing a copy: your changes are saved as a draft in this browser.')}
      </p>
      <DraftsList store={store} savedAt={ed.savedAt} />
      {offTrack && (
        <p className="editor-offtrack small">
          The views show another scenario. Your next edit puts this draft back on screen.{' '}
          <button type="button" className="small-btn" onClick={ed.followScreen}>
            Edit the scenario on screen instead
          </button>
        </p>
      )}
      <div role="tablist" aria-label="Editor view" className="editor-tabs">
        {tabs.map(([t, label]) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`${id}-${t}`}
            aria-selected={tab === t}
            aria-controls={`${id}-panel`}
            tabIndex={tab === t ? 0 : -1}
            onClick={() => {
              setTab(t);
            }}
            onKeyDown={(e) => {
              if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
                e.preventDefault();
                e.stopPropagation();
                const next = t === 'steps' ? 'json' : 'steps';
                setTab(next);
                document.getElementById(`${id}-${next}`)?.focus();
              }
            }}
          >
            {label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${id}-panel`}
        aria-labelledby={`${id}-${tab}`}
        className="editor-panel"
      >
        {tab === 'json' ? (
          <Suspense fallback={<p className="muted">Loading the JSON editor…</p>}>
            <JsonTab text={ed.text} onChange={ed.edit} status={status} />
          </Suspense>
        ) : working.ok ? (
          <StepsTab store={store} doc={editDoc ?? working.doc} error={error} onChange={setDoc} />
        ) : (
          <p role="note">
            The JSON cannot be read ({working.error}). Fix it in the JSON tab; the steps come back
            when it parses.
          </p>
        )}
      </div>
    </aside>
  );
}
