/**
 * Save the editor's working text now, outside React: an error boundary calls it before it shows
 * its fallback, so that a view that throws never costs the author their last edits. The drafts
 * store is loaded on demand (it is not in the initial chunk).
 */
import { editorSession } from './session';

/** Resolves true when there was a draft and storage took it. */
export function flushDraft(now: number = Date.now()): Promise<boolean> {
  const text = editorSession.getState().text;
  if (text === null) return Promise.resolve(false);
  return import('../drafts/actions').then((m) => m.flushSession(now)).catch(() => false);
}
