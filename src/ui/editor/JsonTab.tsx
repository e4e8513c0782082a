/**
 * The scenario as JSON, edited directly; the drawer's status line shows the schema's verdict.
 * A CodeMirror 6 editor (its own lazy chunk, see EditorDrawer): it lays out only the lines in
 * view, where a <textarea> holding a 10,000-step scenario made Chromium lay out all 10,000 lines
 * at every key (issue 12: 286 ms a key). Every change goes out at once (never debounced away);
 * undo is CodeMirror's history; Tab is not bound (no indentWithTab), so keyboard users leave the
 * editor with Tab as from any field. It lives in a shadow root: CodeMirror styles itself with a
 * constructed style sheet there, where on the page it would add <style> elements, which the
 * app's Content-Security-Policy (style-src 'self') refuses.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { EditorState, type Extension } from '@codemirror/state';
import {
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from '@codemirror/view';

interface Props {
  readonly text: string;
  readonly onChange: (text: string) => void;
  /** The drawer's status line (the schema's verdict): the text box's description. */
  readonly status: string;
}

/** In the shadow root, the status line's words (an id outside it cannot be referred to). */
const STATUS_ID = 'json-status';

/** The app's theme tokens (theme.css), so light and dark both follow the page. */
const theme = EditorView.theme({
  '&': {
    height: '100%',
    minHeight: '300px',
    color: 'var(--fg)',
    backgroundColor: 'var(--bg)',
    border: '1px solid var(--border)',
    borderRadius: '3px',
    fontSize: '12px',
  },
  '&.cm-focused': { outline: '3px solid var(--focus)', outlineOffset: '2px' },
  '.cm-scroller': {
    fontFamily: "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace",
    lineHeight: '1.45',
  },
  '.cm-content': { caretColor: 'var(--fg)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--fg)' },
  '.cm-gutters': {
    backgroundColor: 'var(--panel)',
    color: 'var(--muted)',
    borderRight: '1px solid var(--border-soft)',
  },
  '.cm-activeLine': { backgroundColor: 'transparent' },
  '&.cm-focused .cm-activeLine': { backgroundColor: 'var(--panel)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--panel-2)', color: 'var(--fg)' },
  '.cm-content ::selection, &.cm-focused .cm-content ::selection': {
    backgroundColor: 'var(--selected-bg)',
  },
});

function extensions(send: (text: string) => void): Extension[] {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    highlightActiveLine(),
    history(),
    keymap.of([...defaultKeymap, ...historyKeymap]),
    theme,
    EditorView.contentAttributes.of({
      'aria-label': 'Scenario JSON',
      'aria-describedby': STATUS_ID,
      'data-testid': 'editor-json',
      spellcheck: 'false',
      autocapitalize: 'off',
      autocorrect: 'off',
      translate: 'no',
      // Focusable for axe's scrollable-region-focusable (a contenteditable alone is not counted).
      tabindex: '0',
    }),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) send(u.state.doc.toString());
    }),
  ];
}

/** Keys sent and not yet shown back that the tab remembers (a render is never this far behind). */
const MAX_UNSEEN = 64;

export default function JsonTab({ text, onChange, status }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const described = useRef<HTMLElement | null>(null);
  // The text the editor holds.
  const held = useRef(text);
  // A render's text can be a key late: one committed before the key (the schema's verdict from
  // its worker, a save) runs its effects when the key's own update is processed. Taken for a text
  // from elsewhere, it replaced the editor's text for a render, with the caret at 0 and a fresh
  // undo history (seen while typing in a 10,000-step scenario's JSON, on one key in 24). So a
  // text is new only if it differs from the last render's (`shown`) and is not one the editor
  // sent itself and no render has brought back yet (`sent`, oldest first).
  const shown = useRef(text);
  const sent = useRef<string[]>([]);
  const change = useRef(onChange);
  useLayoutEffect(() => {
    change.current = onChange;
  });

  const stateOf = (doc: string) =>
    EditorState.create({
      doc,
      extensions: extensions((t) => {
        held.current = t;
        sent.current.push(t);
        if (sent.current.length > MAX_UNSEEN) sent.current.shift();
        change.current(t);
      }),
    });

  useEffect(() => {
    const el = host.current;
    if (el === null) return;
    const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    const words = document.createElement('span');
    words.id = STATUS_ID;
    words.hidden = true;
    root.append(words);
    described.current = words;
    const v = new EditorView({ parent: root, root, state: stateOf(held.current) });
    view.current = v;
    return () => {
      v.destroy();
      words.remove();
      view.current = null;
      described.current = null;
    };
    // Made once; later texts arrive through the effect below.
  }, []);

  useEffect(() => {
    const v = view.current;
    if (v === null || text === shown.current) return;
    shown.current = text;
    // Its own text coming back (the same string, so mostly compared by reference): it and the
    // ones sent before it have been seen.
    const own = sent.current.indexOf(text);
    if (own >= 0) {
      sent.current.splice(0, own + 1);
      return;
    }
    if (text === held.current) return;
    // A text from elsewhere (an import, a restored draft, the scenario on screen): it replaces
    // the editor's, with a fresh undo history, as a textarea given a new value does.
    held.current = text;
    sent.current = [];
    v.setState(stateOf(text));
  });

  useEffect(() => {
    if (described.current) described.current.textContent = status;
  }, [status]);

  return <div className="editor-json" ref={host} />;
}
