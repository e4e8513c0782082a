/**
 * Put a valid scenario from the editor (or an imported file) into the store. The trace follows:
 * the store derives it from the document. The step and the selection stay where they were
 * (clamped), so the author sees what the edit changed; an edit replaces the URL, an import pushes.
 */
import type { Scenario } from '../../scenarios';
import type { AppStore } from '../../store/createAppStore';
import { isCurrent, metaFor } from '../share/applyLink';
import { withUrlMode } from '../share/urlSync';

let committed: unknown = null;

/** The document the editor last put on screen (to tell when something else replaced it). */
export function lastCommitted(): unknown {
  return committed;
}

export function commitScenario(
  store: AppStore,
  scenario: Scenario,
  mode: 'replace' | 'push',
  cursor?: number,
): void {
  if (isCurrent(store, scenario)) {
    committed = store.getState().scenario.doc;
    if (cursor !== undefined) store.getState().seek(cursor);
    return;
  }
  const s = store.getState();
  const { meta, doc } = metaFor(scenario, null);
  const selection = s.selection;
  withUrlMode(mode, () => {
    s.loadScenario(meta, doc, cursor ?? s.cursor);
    store.getState().select(selection);
  });
  committed = store.getState().scenario.doc;
}
