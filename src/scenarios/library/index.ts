/**
 * The built-in scenario library, as the app sees it: the catalog (ids and titles in menu order,
 * catalog.ts) and the documents, loaded one at a time by id. Only the default scenario is in the
 * initial chunk; every other built-in is a chunk of its own, fetched by loadBuiltin() when a menu
 * entry or a `#v=1&s=<id>` link opens it. getBuiltin() answers synchronously for the built-ins
 * loaded so far (always the default; in Node, every one once all.ts is imported).
 *
 * The documents themselves are one file per scenario (each validated by the scenario schema at
 * module load): the seed ideas first, then ports of the hmm selftests
 * (tools/testing/selftests/mm/hmm-tests.c) scaled down to a few pages.
 */
import { CATALOG, type CatalogEntry } from './catalog';
import type { BuiltinScenario } from './define';
import { migrateAndFaultBack } from './migrate-and-fault-back';

export type { BuiltinScenario } from './define';
export type { CatalogEntry } from './catalog';

export const DEFAULT_SCENARIO_ID = 'migrate-and-fault-back';

/** Every built-in, in menu order: id and title (the document loads on demand). */
export const builtinCatalog: readonly CatalogEntry[] = CATALOG;

const entries = new Map<string, CatalogEntry>();
for (const e of CATALOG) {
  if (entries.has(e.id)) throw new Error(`built-in scenario id "${e.id}" is used twice`);
  entries.set(e.id, e);
}
if (!entries.has(DEFAULT_SCENARIO_ID)) throw new Error('the default built-in scenario is missing');

const loaded = new Map<string, BuiltinScenario>([[DEFAULT_SCENARIO_ID, migrateAndFaultBack]]);
const loading = new Map<string, Promise<BuiltinScenario>>();

/** Keep a built-in that has arrived (the loader below, or all.ts for every one at once). */
export function rememberBuiltin(s: BuiltinScenario): void {
  const known = loaded.get(s.id);
  if (known !== undefined && known !== s) throw new Error(`built-in "${s.id}" loaded twice`);
  loaded.set(s.id, s);
}

/** Is `id` a built-in of this build (loaded or not)? */
export function isBuiltinId(id: string): boolean {
  return entries.has(id);
}

/** The built-in with this id if it has been loaded, else undefined. */
export function getBuiltin(id: string): BuiltinScenario | undefined {
  return loaded.get(id);
}

/**
 * Load a built-in by id (once; its chunk is fetched the first time). Resolves undefined for an id
 * the library does not have; rejects when the chunk cannot be fetched.
 */
export function loadBuiltin(id: string): Promise<BuiltinScenario | undefined> {
  const hit = loaded.get(id);
  if (hit !== undefined) return Promise.resolve(hit);
  const entry = entries.get(id);
  if (entry === undefined) return Promise.resolve(undefined);
  let p = loading.get(id);
  if (p === undefined) {
    p = entry.load().then((s) => {
      rememberBuiltin(s);
      return s;
    });
    // A failed fetch may be tried again (the network may come back).
    p.catch(() => loading.delete(id));
    loading.set(id, p);
  }
  return p;
}
