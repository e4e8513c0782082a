/**
 * The versioned migration chain. A document names its format in `schema`; each known version maps
 * to a pure function that lifts a document to the next version, and the current version maps to
 * null. Adding `hmm-scenario/2` means: write `v1ToV2(doc)`, register it under 'hmm-scenario/1',
 * add `'hmm-scenario/2': null`, and move SCENARIO_SCHEMA on.
 */
import { describeValue } from './describe';
import { SCENARIO_SCHEMA } from './schema';

export type ScenarioDoc = Readonly<Record<string, unknown>>;
export type Migration = (doc: ScenarioDoc) => ScenarioDoc;

export const MIGRATIONS: Readonly<Record<string, Migration | null>> = Object.freeze({
  [SCENARIO_SCHEMA]: null,
});

export type MigrateResult = { ok: true; doc: ScenarioDoc } | { ok: false; error: string };

const known = (registry: Readonly<Record<string, Migration | null>>) =>
  Object.keys(registry).join(', ');

/** Lifts a document to the current version. The registry is a parameter for tests. */
export function migrate(
  doc: ScenarioDoc,
  registry: Readonly<Record<string, Migration | null>> = MIGRATIONS,
): MigrateResult {
  let current = doc;
  // Each step moves to another version, so a well-formed chain ends within its own length.
  for (let hops = 0; hops <= Object.keys(registry).length; hops++) {
    const version: unknown = current.schema;
    if (version === undefined) return { ok: false, error: 'field "schema": missing' };
    // Object.hasOwn, not `in`: a version named "constructor" must not find Object.prototype's.
    if (typeof version !== 'string' || !Object.hasOwn(registry, version)) {
      const what = `unknown schema version ${describeValue(version)}`;
      return { ok: false, error: `field "schema": ${what} (known: ${known(registry)})` };
    }
    const next = registry[version];
    if (next === null || next === undefined) return { ok: true, doc: current };
    current = next(current);
  }
  return { ok: false, error: 'field "schema": the migration chain does not end' };
}
