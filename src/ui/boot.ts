/**
 * Wire the store to the model and the built-in library: the runner turns a scenario document into
 * its trace, the library opens scenarios by id (fetching a built-in's chunk the first time).
 */
import { checkpointScenario } from '../model';
import { builtinCatalog, DEFAULT_SCENARIO_ID, getBuiltin, loadBuiltin } from '../scenarios/library';
import type { AppStore } from '../store/createAppStore';
import { createAppStore } from '../store/createAppStore';
import type { ScenarioDoc, TraceRunner } from '../store/model';
import { defaultPrefs, loadPrefs } from '../store/prefs';
import { courseOf } from '../scenarios/library/course';
import type { Library } from './library';
import { notify } from './notices/notices';
import { workerBackground } from './trace/background';

/** Checkpoints instead of every state; a step's events are recomputed when shown (issue 12). */
export const runTrace: TraceRunner = (doc: ScenarioDoc) => checkpointScenario(doc);

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export interface Boot {
  readonly store: AppStore;
  readonly library: Library;
}

/** Create the store on the default built-in scenario and the library around it. */
export function boot(): Boot {
  const dark =
    typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  const prefs = loadPrefs(storage(), defaultPrefs(dark));
  const def = getBuiltin(DEFAULT_SCENARIO_ID);
  if (!def) throw new Error('the default scenario is missing');
  const start = {
    meta: { id: DEFAULT_SCENARIO_ID, title: def.title, summary: def.summary },
    doc: def as ScenarioDoc,
  };
  const store = createAppStore({
    run: runTrace,
    // Heavy documents run in a worker where there is one (every browser the app supports).
    ...(typeof Worker === 'function' ? { background: workerBackground() } : {}),
    prefs,
    scenario: { ...start.meta, doc: start.doc },
  });
  const sections = courseOf(builtinCatalog);
  const library: Library = {
    sections,
    entries: sections.flatMap((s) => s.entries),
    async load(id) {
      let s;
      try {
        s = await loadBuiltin(id);
      } catch {
        notify('error', 'library', 'That scenario could not be loaded. Reload to try again.');
        return;
      }
      if (s)
        store.getState().open({
          meta: { id: s.id, title: s.title, summary: s.summary },
          doc: s,
          step: 0,
          selection: null,
        });
    },
  };
  return { store, library };
}
