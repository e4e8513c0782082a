/**
 * Put a valid scenario from the editor (or an imported file) into the store, as one intent (the
 * store's `open`). The trace follows: the store derives it from the document. The step and the
 * selection stay where they were (clamped), so the author sees what the edit changed; an edit
 * replaces the URL, an import pushes. The store remembers the document as the editor's
 * (`editorDoc`), to tell when something else replaced it.
 */
import type { Scenario } from '../../scenarios';
import type { AppStore } from '../../store/createAppStore';
import { metaFor } from '../share/applyLink';

export function commitScenario(
  store: AppStore,
  scenario: Scenario,
  mode: 'replace' | 'push',
  cursor?: number,
): void {
  store.getState().open({
    ...metaFor(scenario, null),
    ...(cursor === undefined ? {} : { step: cursor }),
    history: mode,
    fromEditor: true,
  });
}
