/**
 * Raw DEFLATE (RFC 1951) for share links, with fflate.
 *
 * Why fflate rather than the platform's CompressionStream('deflate-raw'):
 * - It is synchronous and pure JavaScript, so the CLI (`sim url`), the tests and the app produce
 *   the same bytes for the same scenario. Chromium's zlib fork and Node's zlib may choose different
 *   (equally valid) encodings, which would make golden links and CLI/app comparisons flaky.
 * - The output cap is exact and cheap: the streaming `Inflate` is fed small input slices, and a
 *   slice of n bytes can produce at most 1032·n bytes (DEFLATE's ceiling), so memory stays under
 *   cap + 1032·SLICE however hostile the input.
 * - Encoding a link never awaits, so the app can update `location.hash` in the same tick.
 * The cost is about 4 kB gzip of code (inflate + deflate), inside the app-code budget (G-P1).
 * The public API (ingestFragment) is async anyway, so a later switch stays source-compatible.
 */
import { deflateSync, Inflate } from 'fflate';

/** Input slice fed to the inflater per push: bounds the overshoot past the cap to ~264 KiB. */
const SLICE = 256;

/** `dictionary`: a preset dictionary (link format v=2), which the reader must supply too. */
export function deflateRaw(bytes: Uint8Array, dictionary?: Uint8Array): Uint8Array {
  return deflateSync(bytes, dictionary ? { level: 9, dictionary } : { level: 9 });
}

export type InflateResult =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly problem: 'too-large' | 'truncated' | 'corrupt' };

/** Inflates raw DEFLATE data, giving up as soon as the output passes `cap` bytes. */
export function inflateRawCapped(
  input: Uint8Array,
  cap: number,
  dictionary?: Uint8Array,
): InflateResult {
  const chunks: Uint8Array[] = [];
  // Written by the callback: an object, so that control-flow narrowing does not assume constants.
  const st = { total: 0, over: false, ended: false };
  const inflater = new Inflate(dictionary ? { dictionary } : {}, (chunk, final) => {
    st.total += chunk.length;
    if (st.total > cap) st.over = true;
    else if (chunk.length > 0) chunks.push(chunk);
    if (final) st.ended = true;
  });
  try {
    if (input.length === 0) return { ok: false, problem: 'truncated' };
    for (let at = 0; at < input.length && !st.over; at += SLICE) {
      const end = Math.min(at + SLICE, input.length);
      inflater.push(input.subarray(at, end), end === input.length);
    }
  } catch (e) {
    // fflate error code 0 is "unexpected EOF"; the others are invalid block, length or distance.
    const code = (e as { code?: unknown }).code;
    return { ok: false, problem: code === 0 ? 'truncated' : 'corrupt' };
  }
  if (st.over) return { ok: false, problem: 'too-large' };
  if (!st.ended) return { ok: false, problem: 'truncated' };
  const out = new Uint8Array(st.total);
  let o = 0;
  for (const chunk of chunks) {
    out.set(chunk, o);
    o += chunk.length;
  }
  return { ok: true, bytes: out };
}
