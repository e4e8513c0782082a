/**
 * Messages whose contents the page keeps for the rest of a run are received straight into the
 * old generation of the page's heap. V8 deserializes a structured clone of more than 100 KB with
 * old-generation allocation (src/objects/value-serializer.cc, kPretenureThreshold) and a smaller
 * one into the young generation. The trace worker's chunks are small (a few ms each to receive)
 * and all of them survive: every minor GC copied the ones since the last, a scavenge of up to
 * 89 ms as a task of its own while a 100,000-step file loaded (bench/longtask.bench.ts: 3 runs of
 * 4 over 50 ms). With ballast, none of 8 runs had a task over 50 ms.
 */

/** V8's threshold (value-serializer.cc kPretenureThreshold): a message must serialize to more. */
export const PRETENURE_BYTES = 100 * 1024;

/**
 * Zeros a message carries to pass the threshold, 1 KB over it so nothing else has to make it up.
 * One buffer, cloned (not transferred) by each post: the worker allocates nothing per message;
 * the page receives a copy it drops at once.
 */
const BALLAST = new ArrayBuffer(PRETENURE_BYTES + 1024);

/** `m` with the ballast that makes its receiver allocate it in the old generation. */
export function tenured<T extends object>(m: T): T & { readonly ballast: ArrayBuffer } {
  return { ...m, ballast: BALLAST };
}
