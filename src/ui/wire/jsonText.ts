/**
 * A plain-data value sent to a worker as UTF-8 JSON bytes. postMessage copies an object by the
 * structured clone, node by node, on the sending thread: a 100,000-step scenario took 175–200 ms
 * to clone where JSON.stringify took 23–35 ms (Node 20, the long-scenario generator's document).
 * A string is no cheap parcel either: a 7 MB one took 21–38 ms to clone, on each side of the
 * message, where its UTF-8 bytes clone as one memcpy (under a millisecond) or transfer for free,
 * and encoding them takes ~2 ms (Node 20; bench/longtask.bench.ts --profile showed the copies in
 * the page's tasks, issue 12). The receiving worker decodes and parses, off the main thread.
 * Only for JSON data that never changes (scenario documents: they come from JSON files and links,
 * and the store freezes them).
 */
export interface JsonText<T> {
  /** UTF-8 JSON (JSON.stringify's text is well-formed UTF-16, so it survives UTF-8 exactly). */
  readonly bytes: Uint8Array;
  /** Never set: keeps what the bytes stand for in the type. */
  readonly of?: T;
}

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
  if (typeof value !== 'object' || value === null)
    return { bytes: encodeUtf8(JSON.stringify(value)) };
  let t = made.get(value);
  if (t === undefined) {
    t = { bytes: encodeUtf8(JSON.stringify(value)) };
    made.set(value, t);
  }
  return t as JsonText<T>;
}

export const fromJsonText = <T>(text: JsonText<T>): T => JSON.parse(decodeUtf8(text.bytes)) as T;

/**
 * Keep `bytes` as the text of `value`, an object just parsed from them: the page read a long
 * document from a worker's bytes, and sending it on to another worker reuses them.
 */
export function knowJsonText<T extends object>(value: T, bytes: Uint8Array): T {
  made.set(value, { bytes });
  return value;
}
