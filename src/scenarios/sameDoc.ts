import { STEP_LABELS } from './labels';
import type { Scenario, ScenarioStep } from './schema';

/**
 * Is this the same scenario? Structural equality of validated scenario documents (plain JSON, a
 * few levels deep). One rule for the store (a link to the scenario on screen just seeks), the
 * share link (an edited-back copy of a built-in travels by id) and the encoder's round-trip check.
 * `===` on primitives: JSON has no -0, so a link cannot keep it apart from 0 anyway.
 */
export function sameDoc(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && sameDoc(ra[k], rb[k]));
}

/** Step fields that label a step: a document that differs only there runs the same. */
const LABELS: ReadonlySet<string> = new Set(STEP_LABELS);

/** Two steps that run the same op: equal but for their labels (note, id, noteFor, focus). */
function sameOp(a: ScenarioStep, b: ScenarioStep): boolean {
  if (a === b) return true;
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => !LABELS.has(k));
  const kb = Object.keys(rb).filter((k) => !LABELS.has(k));
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(rb, k) && sameDoc(ra[k], rb[k]));
}

/**
 * Does the model run these two documents the same? The same era, machine and ops, step for step:
 * they may differ in their title, summary, chapters and the steps' labels, which no kernel
 * function reads. The store keeps the frames of a document edited that way (issue 12: typing a
 * note into a 10,000-step scenario ran all of it again in the worker, and took its trace in).
 */
export function sameRun(a: Scenario, b: Scenario): boolean {
  if (a === b) return true;
  if (a.era !== b.era || !sameDoc(a.machine, b.machine) || a.steps.length !== b.steps.length)
    return false;
  for (let i = 0; i < a.steps.length; i++)
    if (!sameOp(a.steps[i] as ScenarioStep, b.steps[i] as ScenarioStep)) return false;
  return true;
}
