/**
 * A plain-data value sent to a worker as JSON text. postMessage copies an object by the structured
 * clone, node by node, on the sending thread: a 100,000-step scenario took 175–200 ms to clone
 * where JSON.stringify took 23–35 ms (Node 20, the long-scenario generator's document), and a
 * string crosses as one block. Importing such a file held the main thread 220 ms to ask the link
 * worker for its link and ~120 ms to start its trace (bench/longtask.bench.ts --profile, issue 12).
 * Only for JSON data that never changes (scenario documents: they come from JSON files and links,
 * and the store freezes them).
 */
export interface JsonText<T> {
  readonly json: string;
  /** Never set: keeps what the text stands for in the type. */
  readonly of?: T;
}

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

export const fromJsonText = <T>(text: JsonText<T>): T => JSON.parse(text.json) as T;

/**
 * Keep `json` as the text of `value`, an object just parsed from it (JSON.parse(json)): the page
 * read a long document from a worker's text, and sending it on to another worker reuses that text.
 */
export function knowJsonText<T extends object>(value: T, json: string): T {
  made.set(value, { json });
  return value;
}
