/**
 * The editor's JSON tab (a CodeMirror 6 editor, src/ui/editor/JsonTab.tsx) for tests. Its content
 * is a contenteditable (role textbox, data-testid editor-json) that holds only the lines in view,
 * so a test reads the whole text from the editor's state and replaces it as a user's paste does.
 */
import type { Locator, Page } from '@playwright/test';
import { expect } from '../fixtures';

/** The JSON tab's text box (open the JSON tab first). */
export function jsonBox(page: Page): Locator {
  return page.getByTestId('editor').getByTestId('editor-json');
}

/**
 * The whole text in the JSON tab, from the EditorView behind its content element (as
 * EditorView.findFromDOM finds it: the view's root tile is stored on the content element).
 */
export async function readJson(page: Page): Promise<string> {
  const box = jsonBox(page);
  await box.waitFor();
  return box.evaluate((el) => {
    interface View {
      readonly state: { readonly doc: { toString(): string } };
    }
    const tile = (el as unknown as { cmTile?: { root?: { view?: View } } }).cmTile;
    const view = tile?.root?.view;
    if (view === undefined) throw new Error('the JSON editor’s view was not found');
    return view.state.doc.toString();
  });
}

/** Replace the JSON tab's text as a user does: select all (Ctrl+A), then paste the new text. */
export async function setJson(page: Page, text: string): Promise<void> {
  const box = jsonBox(page);
  await box.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await box.evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
  await expect.poll(() => readJson(page)).toBe(text);
}

/** Wait until the JSON tab's text matches. */
export async function expectJson(page: Page, expected: string | RegExp): Promise<void> {
  const poll = expect.poll(() => readJson(page));
  await (typeof expected === 'string' ? poll.toBe(expected) : poll.toMatch(expected));
}

/**
 * Put the caret right after the first match of `pattern` in the JSON tab's text and focus the
 * editor, so the next keys typed land there (as a click there would put them).
 */
export async function caretAfter(page: Page, pattern: RegExp): Promise<void> {
  await jsonBox(page).evaluate((el, source) => {
    interface View {
      readonly state: { readonly doc: { toString(): string } };
      dispatch(tr: { selection: { anchor: number } }): void;
      focus(): void;
    }
    const view = (el as unknown as { cmTile?: { root?: { view?: View } } }).cmTile?.root?.view;
    if (view === undefined) throw new Error('the JSON editor’s view was not found');
    const m = new RegExp(source).exec(view.state.doc.toString());
    if (m === null) throw new Error(`no ${source} in the JSON`);
    view.focus();
    view.dispatch({ selection: { anchor: m.index + m[0].length } });
  }, pattern.source);
}
