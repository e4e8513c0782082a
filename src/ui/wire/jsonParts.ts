/**
 * A long JSON document as it crosses between the page and a worker: its `steps` array in parts of
 * PART_ITEMS, as JSON texts. The page parses one part a task: JSON.parse of a 100,000-step
 * scenario (7 MB) held it 90–100 ms in one task when the editor's analysis worker answered an
 * imported file, and a link read in the link worker came back as a structured clone that took
 * 93 ms to arrive for 50,000 steps (bench/longtask.bench.ts --profile, issue 12); a part of 1,024
 * steps parses in a millisecond or two, and is short enough (~70 kB for the long scenario's
 * steps) to cross in one slice (sliced.ts), so the receiver never joins it from pieces. Texts, not UTF-8 bytes: Chromium's TextEncoder took 220–300 ms for
 * 12 MB, on the page or in a worker (where it delays the first frame instead).
 * Any other value (or a short `steps`) travels whole in `head`.
 */
import { nextTask } from './nextTask';

export interface JsonParts {
  /** The value's JSON text; when `parts` is not empty, with `steps` written as []. */
  readonly head: string;
  /** JSON arrays whose concatenation is the value's `steps`. */
  readonly parts: readonly string[];
}

export const PART_ITEMS = 1024;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The sending side: the value as a head and its steps' parts. */
export function toJsonParts(value: unknown, partItems = PART_ITEMS): JsonParts {
  const steps = isRecord(value) ? value.steps : undefined;
  if (!Array.isArray(steps) || steps.length <= partItems)
    return { head: JSON.stringify(value), parts: [] };
  const parts: string[] = [];
  for (let i = 0; i < steps.length; i += partItems)
    parts.push(JSON.stringify(steps.slice(i, i + partItems)));
  // The spread keeps the keys' order: `steps` stays where it was in the document.
  return { head: JSON.stringify({ ...(value as Record<string, unknown>), steps: [] }), parts };
}

/** Parts of a document long enough to need them, else null (its whole text is parsed). */
export function partsOf(value: unknown): JsonParts | null {
  const p = toJsonParts(value);
  return p.parts.length > 0 ? p : null;
}

function withSteps(head: string, steps: unknown[] | null): unknown {
  const value = JSON.parse(head) as unknown;
  if (steps) (value as Record<string, unknown>).steps = steps;
  return value;
}

/** A worker's side: the value back in one go (equal to JSON.parse of its whole text). */
export function readJsonParts(p: JsonParts): unknown {
  if (p.parts.length === 0) return JSON.parse(p.head);
  const steps: unknown[] = [];
  for (const part of p.parts) for (const s of JSON.parse(part) as unknown[]) steps.push(s);
  return withSteps(p.head, steps);
}

/**
 * The page's side: the value back, each part parsed in a task of its own (`yieldTask` between
 * them). Equal to JSON.parse of the value's whole text, key order included.
 */
export async function fromJsonParts(
  p: JsonParts,
  yieldTask: () => Promise<void> = nextTask,
): Promise<unknown> {
  if (p.parts.length === 0) return JSON.parse(p.head);
  const steps: unknown[] = [];
  for (const part of p.parts) {
    await yieldTask();
    for (const s of JSON.parse(part) as unknown[]) steps.push(s);
  }
  return withSteps(p.head, steps);
}
