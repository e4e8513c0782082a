/**
 * JSON.stringify of a long string, a slice a task. The drafts store writes each new version of a
 * draft as JSON: quoting a 10,000-step scenario's text (~0.8 MB, its quotes and newlines escaped)
 * held the page 41–57 ms in the autosave's task (bench/longtask.bench.ts --profile, issue 12: no
 * main-thread task over 50 ms). Escaping is per code unit, so the quoted slices joined are the
 * quoted whole, as long as no cut falls inside a surrogate pair (JSON.stringify writes a lone
 * surrogate as an escape such as \ud83d, a pair as itself).
 */
import { nextTask } from './nextTask';

/** Code units quoted per task: a few milliseconds of escaping on the 2-core reference machine. */
export const QUOTE_SLICE = 1 << 16;

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** Exactly JSON.stringify(text), `yieldTask` awaited between slices of `slice` code units. */
export async function quoteSliced(
  text: string,
  yieldTask: () => Promise<void> = nextTask,
  slice: number = QUOTE_SLICE,
): Promise<string> {
  if (text.length <= slice) return JSON.stringify(text);
  const parts: string[] = [];
  for (let at = 0; at < text.length;) {
    let end = Math.min(text.length, at + slice);
    // Never between the halves of a pair: the pair goes whole into this slice.
    if (
      end < text.length &&
      isHighSurrogate(text.charCodeAt(end - 1)) &&
      isLowSurrogate(text.charCodeAt(end))
    )
      end += 1;
    if (at > 0) await yieldTask();
    const quoted = JSON.stringify(text.slice(at, end));
    parts.push(quoted.slice(1, -1));
    at = end;
  }
  return `"${parts.join('')}"`;
}

/**
 * Exactly JSON.stringify(value) of a plain object (no toJSON), its string values quoted by
 * quoteSliced: each other value is stringified whole.
 */
export async function objectJsonSliced(
  value: object,
  yieldTask: () => Promise<void> = nextTask,
  slice: number = QUOTE_SLICE,
): Promise<string> {
  const fields: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    // JSON.stringify returns undefined (its typings say string) for what it leaves out: an
    // undefined value, a function.
    const json: unknown =
      typeof v === 'string' ? await quoteSliced(v, yieldTask, slice) : JSON.stringify(v);
    if (typeof json === 'string') fields.push(`${JSON.stringify(key)}:${json}`);
  }
  return `{${fields.join(',')}}`;
}
