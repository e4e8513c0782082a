/**
 * Edits on the editor's working document, as plain JSON (it may not be a valid scenario while the
 * author is halfway through a change: the schema says what is wrong, the edit is never refused).
 * Each function returns a new document; the input is not changed.
 */
import type { OpName } from '../../model';
import { MAX_SCENARIO_BYTES, STEP_LABELS, bytesLimit } from '../../scenarios';
import { DEFAULTS, FIELDS, OP_FIELDS } from './opFields';

export type Json = Record<string, unknown>;

export type Working =
  { readonly ok: true; readonly doc: Json } | { readonly ok: false; readonly error: string };

/** The editor text as an object with a steps array, or why it is not one. */
export function parseWorking(text: string): Working {
  if (text.length > MAX_SCENARIO_BYTES)
    return { ok: false, error: `the text is larger than ${bytesLimit(MAX_SCENARIO_BYTES)}` };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `invalid JSON: ${e instanceof Error ? e.message : 'unreadable'}` };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    return { ok: false, error: 'the document must be a JSON object' };
  const doc = v as Json;
  if (doc.steps !== undefined && !Array.isArray(doc.steps))
    return { ok: false, error: 'field "steps" must be an array' };
  return { ok: true, doc: { ...doc, steps: (doc.steps as unknown[] | undefined) ?? [] } };
}

export function stepsOf(doc: Json): unknown[] {
  return Array.isArray(doc.steps) ? (doc.steps as unknown[]) : [];
}

const withSteps = (doc: Json, steps: unknown[]): Json => ({ ...doc, steps });

export function insertStep(doc: Json, at: number, step: Json): Json {
  const steps = [...stepsOf(doc)];
  steps.splice(Math.max(0, Math.min(at, steps.length)), 0, step);
  return withSteps(doc, steps);
}

export function removeStep(doc: Json, at: number): Json {
  const steps = stepsOf(doc).filter((_, i) => i !== at);
  return withSteps(doc, steps);
}

/** Move step `from` to index `to` (clamped); the other steps keep their order. */
export function moveStep(doc: Json, from: number, to: number): Json {
  const steps = [...stepsOf(doc)];
  if (from < 0 || from >= steps.length) return doc;
  const target = Math.max(0, Math.min(to, steps.length - 1));
  const [moved] = steps.splice(from, 1);
  steps.splice(target, 0, moved);
  return withSteps(doc, steps);
}

export function replaceStep(doc: Json, at: number, step: Json): Json {
  const steps = stepsOf(doc).map((s, i) => (i === at ? step : s));
  return withSteps(doc, steps);
}

export function asObject(step: unknown): Json {
  return typeof step === 'object' && step !== null && !Array.isArray(step) ? (step as Json) : {};
}

/**
 * A step of op `op`, keeping what `from` had that the new op also takes (and its note, noteFor, focus and id),
 * with defaults for the rest. A write gets `value: 0`.
 */
export function stepWithOp(op: OpName, from: Json = {}): Json {
  const out: Json = { op };
  for (const name of OP_FIELDS[op]) {
    const key = FIELDS[name].key;
    if (name === 'values') {
      if (from.values !== undefined) out.values = from.values;
      else out.value = from.value ?? DEFAULTS.value;
    } else if (name === 'gupFlags') {
      out.flags = op === stepOp(from) ? from.flags : [];
    } else if (name === 'flags') {
      out.flags = op === stepOp(from) ? from.flags : DEFAULTS.flags;
    } else out[key] = from[key] ?? DEFAULTS[key];
  }
  // What a lesson says about the step stays with it when its op changes.
  for (const key of STEP_LABELS) if (typeof from[key] === 'string') out[key] = from[key];
  return out;
}

export const stepOp = (step: unknown): unknown => asObject(step).op;

/** Set one field of a step; `undefined` removes it. */
export function setField(step: Json, key: string, value: unknown): Json {
  const { [key]: _old, ...rest } = step;
  return value === undefined ? rest : { ...rest, [key]: value };
}
