/**
 * Reading a link: a long one (a custom scenario carried whole) is inflated, expanded and validated
 * in the link worker, so opening a 10,000-step link never holds the page (issue 12: step 0 on
 * screen within a second, no task over 50 ms). Built-in links and short ones are read here: they
 * cost little, and a built-in's chunk loads on this side.
 */
import type { IngestResult } from '../../ingest';
import { overlongLink } from '../../url/fragment';
import { linkedBuiltin } from '../../url/link';
import type { Codec } from './codec';
import { askLinkWorker, canSpawn, type SpawnLinkWorker, type WireIngest } from './linkWorker';
import type { Scenario } from '../../scenarios';
import { fromWireDoc } from '../wire/jsonText';

/** Characters above which a link is read in the worker (a 200-step scenario with notes is ~2,900). */
export const LINK_READ_CHARS = 4096;
/**
 * Bytes of document above which a shorter link is read in the worker too: a link's length says
 * little about what it holds (a repetitive 10,000-step scenario is a 1,678-character link whose
 * reading took 100–680 ms on the page). 16 KiB is about 1,400 steps of the compact form (12 bytes
 * a step), read here in 10–15 ms, or 150 steps of a whole document with notes; finding out costs at
 * most 16 KiB of inflation (under a millisecond).
 */
export const LINK_READ_BYTES = 16 * 1024;

/**
 * Whether reading the link would hold the page: long, or carrying a large document. A link too
 * long to read at all is not: ingest refuses it at its first check, at no cost, and a 1 MB
 * fragment cloned into the worker held the page for a worker start and a megabyte's copy, only
 * to hear "too long" back.
 */
const longToRead = (codec: Codec, hash: string): boolean =>
  overlongLink(hash) === null &&
  (hash.length > LINK_READ_CHARS || codec.fragmentCarriesOver(hash, LINK_READ_BYTES));

export function readLink(
  codec: Codec,
  hash: string,
  spawn?: SpawnLinkWorker,
): Promise<IngestResult> {
  if (!canSpawn() || linkedBuiltin(hash) !== null || !longToRead(codec, hash))
    return codec.ingestFragment(hash);
  return askLinkWorker({ kind: 'read', hash }, spawn)
    .then(readWireIngest)
    .catch(() => codec.ingestFragment(hash));
}

/** The worker's answer as the page's: a scenario read from its parts, a part a task. */
async function readWireIngest(r: WireIngest): Promise<IngestResult> {
  if (!r.ok) return r;
  return { ...r, scenario: await fromWireDoc<Scenario>(r.scenario) };
}
