/**
 * The vocabulary of the expectation tables: what a built-in step must return (a partial
 * hmm-result/1 `result`) and which invariant violations it must report (none unless the scenario
 * demonstrates a v4.14 kernel bug).
 */
import type { StepResult } from '../../model/ops';

export interface StepExpectation {
  readonly result: Partial<StepResult>;
  readonly violations?: readonly string[];
}

export interface ScenarioExpectation {
  /** Invariant ids this scenario shows v4.14 breaking; the union of its steps' violations. */
  readonly bugs?: readonly string[];
  readonly steps: readonly StepExpectation[];
}

/** A syscall, op or ioctl that returned 0. */
export const ok: StepExpectation = { result: { ret: 0 } };
/** A syscall that failed with -errno. */
export const err = (ret: number): StepExpectation => ({ result: { ret } });
/** CPU loads (or stores, with no values) that completed. */
export const cpu = (values: number[]): StepExpectation => ({ result: { ret: 0, values } });
/** A dmirror ioctl: struct hmm_dmirror_cmd's ret, cpages, faults, plus the data it returned. */
export const cmd = (
  ret: number,
  cpages: number,
  faults: number,
  data: { values?: number[]; bytes?: number[] } = {},
): StepExpectation => ({ result: { ret, cpages, faults, ...data } });
/** gup / unpin: ret and the number of pages pinned or released. */
export const pins = (ret: number, cpages: number): StepExpectation => ({ result: { ret, cpages } });
/** A CPU access that repeats forever without progress at addr (reported, never spun). */
export const stuck = (addr: string): StepExpectation => ({ result: { livelock: true, addr } });
/** A CPU load that ended in VM_FAULT_OOM before reading anything. */
export const cpuOom = (addr: string): StepExpectation => ({
  result: { oom: true, addr, values: [] },
});
/** A CPU store that ended in VM_FAULT_OOM. */
export const storeOom = (addr: string): StepExpectation => ({ result: { oom: true, addr } });
/** A CPU access that killed the task with a signal. */
export const killed = (
  signal: 'SIGBUS' | 'SIGSEGV',
  addr: string,
  values?: number[],
): StepExpectation => ({ result: { signal, addr, ...(values ? { values } : {}) } });
/** The same expectation, plus the invariant violations a v4.14 bug makes this step report. */
export const bug = (e: StepExpectation, violations: string[]): StepExpectation => ({
  ...e,
  violations,
});
