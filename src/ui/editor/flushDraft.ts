/**
 * Save the editor's working text now, outside React: an error boundary calls it before it shows
 * its fallback, so that a view that throws never costs the author their last edits.
 */
import { parseScenario } from '../../scenarios';
import { loadDraft, saveDraft } from './draft';
import { editorSession } from './session';

/** True when there was a draft and storage took it. */
export function flushDraft(now: number = Date.now()): boolean {
  const text = editorSession.getState().text;
  if (text === null) return false;
  const prev = loadDraft();
  if (prev?.text === text) return true;
  // An invalid text keeps the last valid one beside it, so the next load can still open it.
  const valid = parseScenario(text).ok ? text : (prev?.valid ?? null);
  return saveDraft({ text, valid, savedAt: now, open: true });
}
