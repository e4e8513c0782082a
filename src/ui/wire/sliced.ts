/**
 * Long strings cross a worker boundary as slices, one message each, ahead of the message that
 * holds them: postMessage serializes a message whole, in the sending task, and the receiver
 * deserializes it whole, in one task. Chromium took 78–131 ms on the page to post a 7 MB scenario
 * to the link and trace workers, and 83 ms to post the editor's 12 MB text to its analysis worker
 * (bench/longtask.bench.ts --profile, issue 12: no main-thread task over 50 ms). In slices of
 * SLICE_CHARS, each posted in a task of its own, no one task holds more than a slice.
 *
 * The protocols above do not change: the sender calls postSliced instead of postMessage, the
 * receiver wraps its handler in receiveSliced, and the handler gets the message as it was sent,
 * every string whole.
 */
import { nextTask } from './nextTask';

/** The most characters of strings one message carries ahead of its message. */
export const SLICE_CHARS = 1 << 17;
/**
 * The longest string sent inside its message. A longer one goes ahead: 98 parts of 70 kB each,
 * inline, made one 7 MB message that held the page 54 ms.
 */
export const INLINE_CHARS = 1024;

/**
 * Pieces of strings, in order, before the message that holds them: `keys[i]` is the string
 * `texts[i]` continues (a long string is cut into several pieces, short ones share a message).
 */
interface Slice {
  readonly sliceOf: readonly number[];
  readonly texts: readonly string[];
}
/** Where a long string was: the key its slices came under. */
interface Ref {
  readonly slicedString: number;
}
/** Keys and indexes from a message's root down to one of its values. */
type Path = readonly (string | number)[];
/**
 * A message whose long strings went ahead as slices: where each one was, and its key. The
 * receiver puts them back along these paths: walking (and copying) the whole message took 87 ms
 * on the page for the trace of a 100,000-step file (bench/longtask.bench.ts --profile).
 */
interface Envelope {
  readonly slicedMessage: unknown;
  readonly slicedAt: readonly (readonly [Path, number])[];
}

export interface Poster {
  postMessage(message: unknown): void;
}

let nextKey = 0;

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** Every long string in `v` (through plain objects and arrays) with its path; copies nothing. */
function findLong(v: unknown, path: (string | number)[], out: [Path, string][]): void {
  if (typeof v === 'string') {
    if (v.length > INLINE_CHARS) out.push([path.slice(), v]);
    return;
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      path.push(i);
      findLong(v[i], path, out);
      path.pop();
    }
    return;
  }
  if (!isPlain(v)) return;
  for (const k in v) {
    if (!Object.hasOwn(v, k)) continue;
    path.push(k);
    findLong(v[k], path, out);
    path.pop();
  }
}

/** A container's own copy, made once per container (arrays and plain objects only reach here). */
type Copies = Map<object, Record<string | number, unknown>>;
function copyOf(copies: Copies, o: unknown): Record<string | number, unknown> {
  const obj = o as Record<string | number, unknown>;
  let c = copies.get(obj);
  if (c === undefined) {
    c = (Array.isArray(obj) ? obj.slice() : { ...obj }) as Record<string | number, unknown>;
    copies.set(obj, c);
  }
  return c;
}

/**
 * `v` with the value at each path replaced: only the objects on those paths are copied (the
 * caller's message is never changed; the rest is shared, and structured clone copies it anyway).
 */
function replaceAt(v: unknown, at: readonly (readonly [Path, unknown])[]): unknown {
  const copies: Copies = new Map();
  let root = v;
  for (const [path, value] of at) {
    const last = path[path.length - 1];
    if (last === undefined) {
      root = value;
      continue;
    }
    root = copyOf(copies, v);
    let from = v as Record<string | number, unknown>;
    let to = root as Record<string | number, unknown>;
    for (let d = 0; d < path.length - 1; d++) {
      const k = path[d] as string | number;
      const child = from[k];
      const mine = copyOf(copies, child);
      to[k] = mine;
      from = child as Record<string | number, unknown>;
      to = mine;
    }
    to[last] = value;
  }
  return root;
}

/**
 * Post `message` with its long strings in slices ahead of it. `between` runs between two posts:
 * on the page a new task (the default), in a worker nothing (each message it sends is a task of
 * its own on the page anyway). Settles once the message itself is posted.
 */
export async function postSliced(
  target: Poster,
  message: unknown,
  between: () => Promise<void> = nextTask,
): Promise<void> {
  const found: [Path, string][] = [];
  findLong(message, [], found);
  if (found.length === 0) {
    target.postMessage(message);
    return;
  }
  const long: [number, string][] = [];
  const slicedAt: [Path, number][] = [];
  const refs: [Path, Ref][] = [];
  for (const [path, text] of found) {
    const key = ++nextKey;
    long.push([key, text]);
    slicedAt.push([path, key]);
    refs.push([path, { slicedString: key }]);
  }
  const lifted = replaceAt(message, refs);
  let keys: number[] = [];
  let texts: string[] = [];
  let chars = 0;
  for (const [key, s] of long)
    for (let i = 0; i < s.length; i += SLICE_CHARS) {
      const text = s.slice(i, i + SLICE_CHARS);
      if (chars + text.length > SLICE_CHARS && texts.length > 0) {
        const slice: Slice = { sliceOf: keys, texts };
        target.postMessage(slice);
        await between();
        keys = [];
        texts = [];
        chars = 0;
      }
      keys.push(key);
      texts.push(text);
      chars += text.length;
    }
  const last: Slice = { sliceOf: keys, texts };
  target.postMessage(last);
  await between();
  const envelope: Envelope = { slicedMessage: lifted, slicedAt };
  target.postMessage(envelope);
}

/** The worker's side: post without waiting between slices. */
export const postSlicedNow = (target: Poster, message: unknown): void => {
  void postSliced(target, message, () => Promise.resolve());
};

/**
 * A message listener that gathers slices and hands `handle` each message as it was sent (a
 * message sent with plain postMessage passes through as it is). The handler's parameter type is
 * its own claim, as with a MessageEvent's data: nothing on the wire checks it.
 */
export function receiveSliced(handle: (m: never) => void): (e: MessageEvent) => void {
  const pending = new Map<number, string[]>();
  const take = (key: number): string => {
    const slices = pending.get(key) ?? [];
    pending.delete(key);
    return slices.length === 1 ? (slices[0] ?? '') : slices.join('');
  };
  return (e: MessageEvent) => {
    const d = e.data as unknown;
    if (isPlain(d) && Array.isArray(d.sliceOf) && Array.isArray(d.texts)) {
      const texts = d.texts as string[];
      for (const [i, key] of (d.sliceOf as number[]).entries()) {
        const text = texts[i] ?? '';
        const list = pending.get(key);
        if (list) list.push(text);
        else pending.set(key, [text]);
      }
      return;
    }
    if (isPlain(d) && 'slicedMessage' in d && Array.isArray(d.slicedAt)) {
      // The message as sent: its long strings put back where they were (the same walk as the
      // sender's, copying only the objects on their paths).
      const at = d.slicedAt as readonly (readonly [Path, number])[];
      handle(
        replaceAt(
          d.slicedMessage,
          at.map(([path, key]) => [path, take(key)]),
        ) as never,
      );
      return;
    }
    handle(d as never);
  };
}
