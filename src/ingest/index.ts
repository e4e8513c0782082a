export {
  ingestFragment,
  ingestFragmentSync,
  fragmentCarriesOver,
  ingestFile,
  ingestFileBytes,
  touchedPages,
  MAX_TOUCHED_PAGES,
  type IngestResult,
  type IngestSuccess,
  type IngestFailure,
  type IngestReason,
} from './ingest';
export { fail } from './messages';
