/**
 * The editor's side of stale notes (src/lesson/staleNote.ts): the result on screen for each step
 * of the document being edited, and the `noteFor` stamp a hand-written note gets.
 */
import type { Frames, StepResult } from '../../model';
import { recordAt } from '../../model';
import { resultLine } from '../../lesson/staleNote';
import { asObject, stepsOf, type Json } from './stepOps';

/** The last document whose steps all matched the trace (each keystroke checks 10,000 steps). */
let last: {
  readonly trace: Frames;
  readonly steps: readonly unknown[];
  readonly out: readonly (StepResult | null)[];
} | null = null;

/**
 * The result of steps[i] on screen, or undefined when the trace on screen is not of this document
 * (an edit not yet committed, an invalid draft): then nothing is compared.
 */
export function resultsFor(doc: Json, trace: Frames): (StepResult | null)[] | undefined {
  const steps = stepsOf(doc);
  if (trace.length !== steps.length + 1) return undefined;
  // A form edit changes one step object and keeps the rest: those matched last time still do.
  const prev = last?.trace === trace && last.steps.length === steps.length ? last : null;
  // Indexed, into an array of its final length: at 100,000 steps the entries() iterator's pair
  // per step and a growing array were most of a 37–52 ms task (bench/longtask.bench.ts --profile).
  const n = steps.length;
  const out = new Array<StepResult | null>(n);
  for (let i = 0; i < n; i++) {
    const raw = steps[i];
    if (prev !== null && prev.steps[i] === raw) {
      out[i] = prev.out[i] ?? null;
      continue;
    }
    const f = recordAt(trace, i + 1);
    if (f === undefined || f.op?.op !== asObject(raw).op) return undefined;
    out[i] = f.result;
  }
  last = { trace, steps, out };
  return out;
}

/**
 * Record the result each hand-written note was written for, where the note has no record yet: the
 * scenario on screen is what its author saw. Returns the same document when nothing changes.
 */
export function stampNotes(doc: Json, results: readonly (StepResult | null)[] | undefined): Json {
  if (results === undefined) return doc;
  const before = stepsOf(doc);
  const steps = before.map((raw, i) => {
    const s = asObject(raw);
    if (typeof s.note !== 'string' || s.note === '' || typeof s.noteFor === 'string') return raw;
    return { ...s, noteFor: resultLine(results[i] ?? null) };
  });
  return steps.some((x, i) => x !== before[i]) ? { ...doc, steps } : doc;
}
