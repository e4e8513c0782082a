// @vitest-environment happy-dom
/**
 * The JSON tab tells a text from elsewhere (an import, a restored draft) from its own typing
 * coming back to it through the store, however late a render brings it.
 */
import { act, cleanup, render } from '@testing-library/react';
import { undo } from '@codemirror/commands';
import { EditorView } from '@codemirror/view';
import { afterEach, describe, expect, it } from 'vitest';
import JsonTab from './JsonTab';

afterEach(cleanup);

/** The editor's view, found from its content element (in the tab's shadow root). */
function viewIn(container: HTMLElement): EditorView {
  const content = container.querySelector('.editor-json')?.shadowRoot?.querySelector('.cm-content');
  const view = content instanceof HTMLElement ? EditorView.findFromDOM(content) : null;
  if (!view) throw new Error('no editor view');
  return view;
}

/** A key typed at the caret, as CodeMirror's input handler dispatches it. */
function typeAt(view: EditorView, ch: string): void {
  const at = view.state.selection.main.head;
  view.dispatch({
    changes: { from: at, insert: ch },
    selection: { anchor: at + 1 },
    userEvent: 'input.type',
  });
}

const A = '{"title": ""}';
const CARET = A.indexOf('""') + 1;

function setup() {
  const sent: string[] = [];
  const tab = (text: string) => (
    <JsonTab
      text={text}
      onChange={(t) => {
        sent.push(t);
      }}
      status=""
    />
  );
  const r = render(tab(A));
  const view = viewIn(r.container);
  view.dispatch({ selection: { anchor: CARET } });
  return {
    sent,
    view,
    show: (text: string) => {
      r.rerender(tab(text));
    },
  };
}

describe('JsonTab', () => {
  it('a render that brings its own earlier text, a key late, changes nothing: text, caret and undo stay', () => {
    const { sent, view, show } = setup();
    act(() => {
      typeAt(view, 'x');
    });
    show(sent[0] as string);
    act(() => {
      typeAt(view, 'y');
    });
    expect(sent).toEqual(['{"title": "x"}', '{"title": "xy"}']);
    // A render that was committed before the second key (the schema's verdict on the first,
    // from its worker) runs its effects only now, with the text of the first key. It once
    // replaced the editor's text with it: the "y" gone until the next render, the caret at 0 and
    // the undo history reset.
    show('{"title": "x"}');
    expect(view.state.doc.toString()).toBe('{"title": "xy"}');
    expect(view.state.selection.main.head).toBe(CARET + 2);
    show('{"title": "xy"}');
    expect(view.state.doc.toString()).toBe('{"title": "xy"}');
    expect(undo(view)).toBe(true);
    expect(view.state.doc.toString()).toBe(A);
  });

  it('a text from elsewhere replaces the editor’s, with a fresh undo history', () => {
    const { sent, view, show } = setup();
    act(() => {
      typeAt(view, 'x');
    });
    show(sent[0] as string);
    show('{"title": "imported"}');
    expect(view.state.doc.toString()).toBe('{"title": "imported"}');
    expect(undo(view)).toBe(false);
    // Even one the editor once sent itself, when it comes after the editor's text was shown.
    show('{"title": "x"}');
    expect(view.state.doc.toString()).toBe('{"title": "x"}');
  });
});
