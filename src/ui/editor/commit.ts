/**
 * Put a valid scenario from the editor (or an imported file) into the store, as one intent (the
 * store's `open`). The trace follows: the store derives it from the document. The step and the
 * selection stay where they were (clamped), so the author sees what the edit changed; an edit
 * replaces the URL, an import pushes. The store remembers the document as the editor's
 * (`editorDoc`), to tell when something else replaced it. The document's era is loaded first.
 */
import type { Scenario } from '../../scenarios';
import type { AppStore } from '../../store/createAppStore';
import { isEraLoaded, loadEra } from '../../model';
import { metaFor } from '../share/applyLink';

let pending = 0;

export function commitScenario(
  store: AppStore,
  scenario: Scenario,
  mode: 'replace' | 'push',
  cursor?: number,
): void {
  const mine = ++pending;
  const open = () => {
    // A later commit came first (its era was loaded): this one is stale.
    if (mine !== pending) return;
    store.getState().open({
      ...metaFor(scenario, null),
      ...(cursor === undefined ? {} : { step: cursor }),
      history: mode,
      fromEditor: true,
    });
  };
  // A document in an era whose kernel image is a chunk of its own (v6.12) waits for it, else it
  // could not run; one already here opens in this call.
  if (isEraLoaded(scenario.era)) open();
  else void loadEra(scenario.era).then(open);
}
