/**
 * A plain-data value sent to a worker as JSON text. postMessage copies an object by the
 * structured clone, node by node, on the sending thread: a 100,000-step scenario took 175–200 ms
 * to clone where JSON.stringify took 23–35 ms (Node 20, the long-scenario generator's document),
 * and a string crosses as one block. The text is the page's JSON.stringify, or the parts a worker
 * sent the document in (jsonParts.ts), sent on as they came: no stringify on the page.
 * Only for JSON data that never changes (scenario documents: they come from JSON files and links,
 * and the store freezes them).
 */
import { fromJsonParts, readJsonParts, type JsonParts } from './jsonParts';

export type JsonText<T> = ({ readonly json: string } | { readonly parts: JsonParts }) & {
  /** Never set: keeps what the text stands for in the type. */
  readonly of?: T;
};

/**
 * The texts of the objects already sent, by identity: a long document goes to the trace worker
 * when it opens and to the link worker when the address bar asks for its link (the same frozen
 * document object), and its stringify alone was 136 ms on the page under a profiler.
 */
const made = new WeakMap<object, JsonText<unknown>>();

/** The value's text; an object's is made once (objects given here must never change). */
export function toJsonText<T>(value: T): JsonText<T> {
  if (typeof value !== 'object' || value === null) return { json: JSON.stringify(value) };
  let t = made.get(value);
  if (t === undefined) {
    t = { json: JSON.stringify(value) };
    made.set(value, t);
  }
  return t as JsonText<T>;
}

/** A worker's side: the value (parts are read in one go there). */
export const fromJsonText = <T>(text: JsonText<T>): T =>
  ('parts' in text ? readJsonParts(text.parts) : JSON.parse(text.json)) as T;

/**
 * The page's side of a document a worker sent in parts: read a part a task, and kept as the
 * object's text, so sending it on to another worker costs no stringify.
 */
export async function fromWireDoc<T extends object>(parts: JsonParts): Promise<T> {
  const value = (await fromJsonParts(parts)) as T;
  made.set(value, { parts });
  return value;
}
