/**
 * The share codec for the app: the ingestion pipeline and the encoder, with fflate. Its own chunk,
 * loaded when the first link or draft has to be read or a custom scenario written into the URL
 * (a visit to a built-in needs none of it: its link is plain text). Evaluating this module
 * registers it, so a lazy chunk that imports it statically can use it at once.
 */
import {
  fragmentCarriesOver,
  ingestFile,
  ingestFileBytes,
  ingestFragment,
  ingestFragmentSync,
} from '../../ingest';
import { encodeFragment, hasPayload, makePayload, primePayload } from '../../url/encode';
import { registerCodec } from './codecRef';

export const codec = {
  ingestFile,
  ingestFileBytes,
  ingestFragment,
  ingestFragmentSync,
  fragmentCarriesOver,
  encodeFragment,
  hasPayload,
  makePayload,
  primePayload,
};
export type Codec = typeof codec;

registerCodec(codec);
