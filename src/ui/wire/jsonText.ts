/**
 * A plain-data value sent to a worker as JSON. postMessage copies an object by the structured
 * clone, node by node, on the sending thread: a 100,000-step scenario took 175–200 ms to clone
 * where JSON.stringify took 23–35 ms (Node 20, the long-scenario generator's document).
 * The text is a string when the page made it (JSON.stringify), or UTF-8 bytes when a worker sent
 * it so (wire/jsonParts.ts WireDoc): a 7 MB string takes 21–38 ms to clone on each side of a
 * message where bytes clone as one memcpy, but the page never encodes one itself: Chromium's
 * TextEncoder took 220–300 ms for the editor's 12 MB text (bench/longtask.bench.ts --profile,
 * issue 12). The receiving worker decodes and parses, off the main thread.
 * Only for JSON data that never changes (scenario documents: they come from JSON files and links,
 * and the store freezes them).
 */
export type JsonText<T> = (
  | { readonly json: string }
  /** UTF-8 JSON (JSON.stringify's text is well-formed UTF-16, so it survives UTF-8 exactly). */
  | { readonly bytes: Uint8Array }
) & {
  /** Never set: keeps what the text stands for in the type. */
  readonly of?: T;
};

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

export const encodeUtf8 = (text: string): Uint8Array => utf8.encode(text);
export const decodeUtf8 = (bytes: Uint8Array): string => fromUtf8.decode(bytes);

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

export const fromJsonText = <T>(text: JsonText<T>): T =>
  JSON.parse('bytes' in text ? decodeUtf8(text.bytes) : text.json) as T;

/**
 * Keep `bytes` as the text of `value`, an object just parsed from them: the page read a long
 * document from a worker's bytes, and sending it on to another worker reuses them (no stringify).
 */
export function knowJsonText<T extends object>(value: T, bytes: Uint8Array): T {
  made.set(value, { bytes });
  return value;
}
