/**
 * A long JSON document as a worker sends it to the page: its `steps` array in parts of PART_ITEMS,
 * which the page parses one part a task. JSON.parse of a 100,000-step scenario (7 MB) held the
 * page 90–100 ms in one task when the editor's analysis worker answered an imported file
 * (bench/longtask.bench.ts --profile, issue 12); a part of 4,096 steps parses in a few ms.
 * Any other value (or a short `steps`) travels whole in `head`.
 */
import { decodeUtf8, encodeUtf8, knowJsonText } from './jsonText';
import { nextTask } from './nextTask';

export interface JsonParts {
  /** The value's JSON text; when `parts` is not empty, with `steps` written as []. */
  readonly head: string;
  /**
   * UTF-8 JSON arrays whose concatenation is the value's `steps`: bytes, so that the message
   * transfers them (a 7 MB string took 21–38 ms to clone on arrival, wire/jsonText.ts).
   */
  readonly parts: readonly Uint8Array[];
}

export const PART_ITEMS = 4096;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The worker's side: the value as a head and its steps' parts. */
export function toJsonParts(value: unknown, partItems = PART_ITEMS): JsonParts {
  const steps = isRecord(value) ? value.steps : undefined;
  if (!Array.isArray(steps) || steps.length <= partItems)
    return { head: JSON.stringify(value), parts: [] };
  const parts: Uint8Array[] = [];
  for (let i = 0; i < steps.length; i += partItems)
    parts.push(encodeUtf8(JSON.stringify(steps.slice(i, i + partItems))));
  // The spread keeps the keys' order: `steps` stays where it was in the document.
  return { head: JSON.stringify({ ...(value as Record<string, unknown>), steps: [] }), parts };
}

/** The buffers a message carrying these parts transfers rather than copies. */
export const partBuffers = (p: JsonParts | null): ArrayBuffer[] =>
  p ? p.parts.map((b) => b.buffer as ArrayBuffer) : [];

/**
 * The page's side: the value back, each part parsed in a task of its own (`yieldTask` between
 * them). Equal to JSON.parse of the value's whole text, key order included.
 */
export async function fromJsonParts(
  p: JsonParts,
  yieldTask: () => Promise<void> = nextTask,
): Promise<unknown> {
  const value = JSON.parse(p.head) as unknown;
  if (p.parts.length === 0) return value;
  const steps: unknown[] = [];
  for (const part of p.parts) {
    await yieldTask();
    for (const s of JSON.parse(decodeUtf8(part)) as unknown[]) steps.push(s);
  }
  (value as Record<string, unknown>).steps = steps;
  return value;
}

/**
 * A document a worker hands the page: its UTF-8 JSON (kept as the object's JsonText, so sending
 * it on to another worker costs no stringify) and, when long, the parts the page parses it from.
 */
export interface WireDoc {
  readonly json: Uint8Array;
  readonly parts: JsonParts | null;
}

/** Parts of a document long enough to need them, else null (the text is parsed whole). */
export function partsOf(value: unknown): JsonParts | null {
  const p = toJsonParts(value);
  return p.parts.length > 0 ? p : null;
}

/** The worker's side: the document, and the buffers its message transfers. */
export function toWireDoc(value: object): [WireDoc, ArrayBuffer[]] {
  const doc = { json: encodeUtf8(JSON.stringify(value)), parts: partsOf(value) };
  return [doc, [doc.json.buffer as ArrayBuffer, ...partBuffers(doc.parts)]];
}

/** The page's side: the document, read over several tasks when it came in parts. */
export async function fromWireDoc<T extends object>(
  w: WireDoc,
  yieldTask: () => Promise<void> = nextTask,
): Promise<T> {
  const value = (
    w.parts ? await fromJsonParts(w.parts, yieldTask) : JSON.parse(decodeUtf8(w.json))
  ) as T;
  return knowJsonText(value, w.json);
}
