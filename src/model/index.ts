/** The model's public API: see README.md beside this file. */
export { createKernel, DEFAULT_MACHINE } from './boot';
export { step, runScenario, traceScenario, snapshotState, loadEra, isEraLoaded } from './vmlinux';
export type { StepOutput, Touched } from './step';
export type { Frame, RunFrame, ScenarioInput, ScenarioStepInput } from './run';
export { checkpointScenario, emptyTrace } from './vmlinux';
export {
  CheckpointedTrace,
  CHECKPOINT_EVERY,
  CHECKPOINT_WORK,
  frameAt,
  recordAt,
} from './checkpoint';
export type { Checkpoint, Frames, Trace, TraceChunk } from './checkpoint';
export { HEAVY_STEP_WORK, recordOf } from './step_record';
export type { StepRecord } from './step_record';
export { FramesTrace, asTrace, withStepLabels } from './frames_trace';
export {
  PackedEvents,
  callAt,
  depthAt,
  depthsOf,
  eventArray,
  firstCalls,
  packEvents,
} from './kernel_events';
export type { KernelCall, KernelEvents, PackedEventsData } from './kernel_events';
export { STEP_MARKS, stepMarks } from './step_marks';
export type { StepMark } from './step_marks';
export type { CallChunk, CallHits } from './trace_calls';
export { ptePayload } from './snapshot';
export type { ContractState, ContractPte } from './snapshot';
export { toResultJson, resultSteps } from './result';
export type { HmmResult, ResultStep } from './result';
export { checkAllInvariants, checkInvariants } from './invariants';

// The query API: what views and the store ask of a state (docs/adr/0007). Views and the store
// import the model only through this file (eslint.config.js zones).
export { lookupPage, restingPage, pfnOwner, isIdle, zero_pfn, is_zero_pfn } from './page_store';
export type { PfnOwner } from './page_store';
export { pteAt, processOf, processList } from './query';
export { tableLeaves, tableOf, LEAF_SIZE as TABLE_LEAF_SIZE } from './table';
export type { Leaf } from './table';
export { tableCount, tableSlice, tableIndexOf } from './tableWindow';
export { emptyFreeList, freeListTop } from './free_list';

export { tableGet, tableRange, tableEntries, tableSize, tableRoot, readingTables } from './table';
export * from './ids';
export * from './types';
export * from './ops';
export { freezesSteps, runImmerUnfrozen } from './immer_mode';
export { exhaustive } from './exhaustive';
export {
  FIELD_DEFS,
  OP_TABLE,
  OP_NAMES,
  isOpName,
  opFields,
  PROTS,
  MAP_FLAGS,
  ADVICES,
  GUP_FLAGS,
  DEVICE_KINDS,
  FAULT_KINDS,
} from './opTable';
export type { FieldKey, FieldKind, FieldName, FieldValue } from './opTable';
export { own } from './own';
// The test driver's own per-device data, for the device views (dev_get_drvdata).
export { dmirrorData } from './driver';
export type { DmirrorDevice } from './driver';
export { ERA_SPECS, eraSpec } from './eras/spec';
export type { EraSpec } from './eras/spec';
export type { EraComparison, EraDifference, StepComparison } from './eras/compare';
/**
 * The era comparison (compareEras, compareFrames, describeResult...), a chunk of its own that the
 * CLI's `sim compare` and the app's compare view load when they need it: re-exported statically,
 * the bundler kept it in a chunk the first page loads (e2e/bundle.spec.ts).
 */
export const loadEraComparison = (): Promise<typeof import('./eras/compare')> =>
  import('./eras/compare');
