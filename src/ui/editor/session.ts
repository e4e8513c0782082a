/**
 * The editor's working text, kept outside the (lazily loaded) editor so that startup can hand it a
 * restored draft before the editor's code arrives. `text === null` means "start from the scenario
 * on screen" when the editor opens. `fresh` says the text came from elsewhere (the screen, an
 * import, a restore): its first save starts a new draft version instead of growing the newest.
 * `origin` is the draft slot it was restored from (another tab's saves to it are offered).
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

export interface EditorSession {
  readonly text: string | null;
  readonly fresh: boolean;
  readonly origin: string | null;
}

export const editorSession = createStore<EditorSession>()(() => ({
  text: null,
  fresh: true,
  origin: null,
}));

/** An edit keeps `fresh` as it is; text from elsewhere says so. */
export function setEditorText(
  text: string | null,
  from?: { readonly fresh: boolean; readonly origin?: string | null },
): void {
  if (from === undefined) editorSession.setState({ text });
  else
    editorSession.setState((s) => ({
      text,
      fresh: from.fresh,
      origin: from.origin === undefined ? s.origin : from.origin,
    }));
}

/** The text is in the drafts store: the next saves grow that version. */
export function markSaved(): void {
  if (editorSession.getState().fresh) editorSession.setState({ fresh: false });
}

export function useSessionText(): string | null {
  return useStore(editorSession, (s) => s.text);
}
