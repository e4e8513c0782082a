/**
 * A plain-data value sent to a worker as JSON text. postMessage copies an object by the structured
 * clone, node by node, on the sending thread: a 100,000-step scenario took 175–200 ms to clone
 * where JSON.stringify took 23–35 ms (Node 20, the long-scenario generator's document), and a
 * string crosses as one block. Importing such a file held the main thread 220 ms to ask the link
 * worker for its link and ~120 ms to start its trace (bench/longtask.bench.ts --profile, issue 12).
 * Only for JSON data (scenario documents are: they come from JSON files and links).
 */
export interface JsonText<T> {
  readonly json: string;
  /** Never set: keeps what the text stands for in the type. */
  readonly of?: T;
}

export const toJsonText = <T>(value: T): JsonText<T> => ({ json: JSON.stringify(value) });

export const fromJsonText = <T>(text: JsonText<T>): T => JSON.parse(text.json) as T;
