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
/** A message whose long strings went ahead as slices. */
interface Envelope {
  readonly slicedMessage: unknown;
}

export interface Poster {
  postMessage(message: unknown): void;
}

let nextKey = 0;

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** A copy of `v` (plain objects and arrays) with every long string replaced by a Ref. */
function lift(v: unknown, long: [number, string][]): unknown {
  if (typeof v === 'string') {
    if (v.length <= INLINE_CHARS) return v;
    const key = ++nextKey;
    long.push([key, v]);
    const ref: Ref = { slicedString: key };
    return ref;
  }
  if (Array.isArray(v)) return v.map((x) => lift(x, long));
  if (!isPlain(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = lift(x, long);
  return out;
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
  const long: [number, string][] = [];
  const lifted = lift(message, long);
  if (long.length === 0) {
    target.postMessage(message);
    return;
  }
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
  const envelope: Envelope = { slicedMessage: lifted };
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
  const lower = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(lower);
    if (!isPlain(v)) return v;
    if (typeof v.slicedString === 'number' && Object.keys(v).length === 1) {
      const key = v.slicedString;
      const slices = pending.get(key) ?? [];
      pending.delete(key);
      return slices.length === 1 ? slices[0] : slices.join('');
    }
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = lower(x);
    return out;
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
    if (isPlain(d) && 'slicedMessage' in d && Object.keys(d).length === 1) {
      handle(lower(d.slicedMessage) as never);
      return;
    }
    handle(d as never);
  };
}
