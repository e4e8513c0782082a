/**
 * Put what the ingestion pipeline accepted into the store, as one intent (the store's `open`): the
 * scenario (reloaded only when it is not already the one on screen, so a link to another step of
 * the same scenario just seeks), the step and the selection; the address bar is replaced, not
 * pushed. Nothing else writes a link's content into the store.
 */
import type { IngestSuccess } from '../../ingest';
import { getBuiltin } from '../../scenarios/library';
import type { AppStore } from '../../store/createAppStore';
import type { ScenarioDoc } from '../../store/model';
import type { ScenarioMeta } from '../../store/types';
import { sameDoc } from '../../scenarios/sameDoc';
import { builtinIdOf } from './linkSource';

/** The library's meta and frozen document when `doc` is a built-in, else a custom meta. */
export function metaFor(
  doc: ScenarioDoc,
  builtinId: string | null,
): { meta: ScenarioMeta; doc: ScenarioDoc } {
  const id = builtinId ?? builtinIdOf({ id: null, title: '', summary: '' }, doc);
  const builtin = id === null ? undefined : getBuiltin(id);
  if (builtin)
    return {
      meta: { id: builtin.id, title: builtin.title, summary: builtin.summary },
      doc: builtin,
    };
  return {
    meta: { id: null, title: doc.title ?? 'Custom scenario', summary: doc.summary ?? '' },
    doc,
  };
}

/** Is `doc` the document the store already shows? */
export function isCurrent(store: AppStore, doc: ScenarioDoc): boolean {
  const current = store.getState().scenario.doc;
  return current === doc || sameDoc(current, doc);
}

/**
 * One store write: the scenario (kept when it is already on screen), the step, the selection, the
 * second era. The eras' kernel images must be loaded before (model loadEra).
 */
export function applyLink(store: AppStore, r: IngestSuccess): void {
  store.getState().open({
    ...metaFor(r.scenario, r.builtinId),
    step: r.step,
    selection: r.selection,
    history: 'replace',
    // The link says whether two eras are on screen: without vs=, one.
    compare: r.compare ?? null,
  });
}
