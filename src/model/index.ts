/** The model's public API: see README.md beside this file. */
export { createKernel, DEFAULT_MACHINE } from './boot';
export { step } from './step';
export type { StepOutput, Touched } from './step';
export { runScenario } from './run';
export type { Frame, ScenarioInput, ScenarioStepInput } from './run';
export { snapshotState, ptePayload } from './snapshot';
export type { ContractState, ContractPte } from './snapshot';
export { toResultJson } from './result';
export type { HmmResult, ResultStep } from './result';
export { checkAllInvariants, checkInvariants } from './invariants';
export { lookupPage, pfnOwner, isIdle } from './page_store';
export { tableGet, tableRange, tableEntries, tableSize, tableRoot } from './table';
export * from './ids';
export * from './types';
export * from './ops';
export { runImmerUnfrozen } from './immer_mode';
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
