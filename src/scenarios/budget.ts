/**
 * The work a scenario may ask of the model, counted on the raw document before the schema runs:
 * `"value": 1` with `"npages": 65536` is 20 bytes of JSON that the schema expands to 65,536
 * numbers and the model walks page by page, and 10,000 such steps fit in a short link. Shared by
 * the ingestion pipeline and the encoder, so that no link is made that the app would refuse.
 */
import { MAX_NPAGES } from './limits';

/** Pages all steps that walk page by page may touch together: 4 GiB of simulated traffic. */
export const MAX_TOUCHED_PAGES = 1 << 20;

/** Ops whose cost does not grow page by page with npages (they act on VMAs). */
const VMA_OPS: ReadonlySet<unknown> = new Set(['mmap', 'munmap', 'mprotect', 'madvise']);

const own = (o: unknown, key: string): unknown =>
  typeof o === 'object' && o !== null && Object.hasOwn(o, key)
    ? (o as Record<string, unknown>)[key]
    : undefined;

/** Not recursive; anything that is not a positive number counts as nothing (the schema judges). */
export function touchedPages(doc: unknown): number {
  const steps = own(doc, 'steps');
  if (!Array.isArray(steps)) return 0;
  let total = 0;
  for (const step of steps as unknown[]) {
    const n = own(step, 'npages');
    // An npages the schema refuses on its own (> MAX_NPAGES) is left to its clearer message.
    if (typeof n === 'number' && n > 0 && n <= MAX_NPAGES && !VMA_OPS.has(own(step, 'op'))) {
      total += n;
    }
  }
  return total;
}
