/**
 * The editor's working text, kept outside the (lazily loaded) editor so that startup can hand it a
 * restored draft before the editor's code arrives. `text === null` means "start from the scenario
 * on screen" when the editor opens.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

export interface EditorSession {
  readonly text: string | null;
}

export const editorSession = createStore<EditorSession>()(() => ({ text: null }));

export function setEditorText(text: string | null): void {
  editorSession.setState({ text });
}

export function useSessionText(): string | null {
  return useStore(editorSession, (s) => s.text);
}
