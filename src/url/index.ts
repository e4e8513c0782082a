/** The share-fragment codec. Reading a link goes through src/ingest, never around it. */
export { encodeFragment, type LinkSource, type LinkState } from './encode';
export {
  builtinFragment,
  embedRequested,
  LECTURE_LINK_CHARS,
  withEmbed,
  type EncodeResult,
} from './link';
export { LINK_VERSION, MAX_FRAGMENT_CHARS } from './fragment';
export { MAX_PAYLOAD_BYTES } from './payload';
export type { Selection } from './selection';
