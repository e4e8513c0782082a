/**
 * Reading a link: a long one (a custom scenario carried whole) is inflated, expanded and validated
 * in the link worker, so opening a 10,000-step link never holds the page (issue 12: step 0 on
 * screen within a second, no task over 50 ms). Built-in links and short ones are read here: they
 * cost little, and a built-in's chunk loads on this side.
 */
import type { IngestResult } from '../../ingest';
import { linkedBuiltin } from '../../url/link';
import type { Codec } from './codec';
import { askLinkWorker, canSpawn, type SpawnLinkWorker } from './linkWorker';

/** Characters above which a link is read in the worker (a 200-step scenario with notes is ~2,900). */
export const LINK_READ_CHARS = 4096;

export function readLink(
  codec: Codec,
  hash: string,
  spawn?: SpawnLinkWorker,
): Promise<IngestResult> {
  if (hash.length <= LINK_READ_CHARS || !canSpawn() || linkedBuiltin(hash) !== null)
    return codec.ingestFragment(hash);
  return askLinkWorker({ kind: 'read', hash }, spawn).catch(() => codec.ingestFragment(hash));
}
