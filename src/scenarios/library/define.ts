/**
 * Built-in scenarios are authored as scenario documents (what a user would write in a file) and
 * go through the same parser as any file, at module load. A broken built-in fails loudly.
 */
import { parseScenarioValue } from '../parse';
import type { Scenario, ScenarioDocument } from '../schema';

/** A library entry: id, title and summary are required, and every step carries a note. */
export type BuiltinScenario = Scenario & { id: string; title: string; summary: string };

export type BuiltinDocument = ScenarioDocument & { id: string; title: string; summary: string };

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export function defineBuiltin(doc: BuiltinDocument): BuiltinScenario {
  const parsed = parseScenarioValue(doc);
  if (!parsed.ok) throw new Error(`built-in scenario "${doc.id}": ${parsed.error}`);
  const missing = parsed.scenario.steps.findIndex((s) => s.note === undefined || s.note === '');
  if (missing >= 0)
    throw new Error(
      `built-in scenario "${doc.id}": step ${missing + 1} (steps[${missing}]) has no note`,
    );
  return deepFreeze({ ...parsed.scenario, id: doc.id, title: doc.title, summary: doc.summary });
}
