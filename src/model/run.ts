/** A scenario's trace: the boot state, then one frame per step (Python-Tutor style). */
import type { KernelEvent, Op, StepResult, Violation } from './ops';
import type { EventReader, KernelEvents } from './kernel_events';
import type { Era, KernelState, MachineConfig } from './types';
import { createKernel } from './boot';
import type { StepOutput, Touched } from './step';

export type ScenarioStepInput = Op & { readonly note?: string; readonly id?: string };

export interface ScenarioInput {
  readonly era: Era;
  readonly machine?: Partial<MachineConfig>;
  readonly steps: readonly ScenarioStepInput[];
}

export interface Frame {
  /** 0 is the boot state; frame i is the state after step i - 1. */
  readonly index: number;
  readonly op: Op | null;
  readonly note: string | null;
  readonly id: string | null;
  readonly state: KernelState;
  readonly result: StepResult | null;
  /** An array as the step made it; a heavy step's, kept by a trace, packed (kernel_events.ts). */
  readonly events: KernelEvents;
  readonly violations: readonly Violation[];
  readonly touched: Touched;
}

/** A frame as a run makes it: its events the array the step made. */
export interface RunFrame extends Frame {
  /** Made from the step's log when first read (a trace reads `eventLog` instead). */
  readonly events: readonly KernelEvent[];
  /** The step's events read from its compact log one at a time (absent on the boot frame). */
  readonly eventLog?: EventReader;
}

const NOTHING: Touched = { pfns: [], ptes: [] };

/**
 * A scenario's frames one at a time: the boot frame, then one per step. A runner that must not
 * hold its thread for the whole scenario (the app's trace worker reports progress between frames)
 * iterates this; the model itself stays free of clocks.
 */
export function* traceFramesWith(
  step: (state: KernelState, op: Op) => StepOutput,
  input: ScenarioInput,
): Generator<RunFrame, void, undefined> {
  let state = createKernel(input.machine ?? {}, input.era);
  yield {
    index: 0,
    op: null,
    note: null,
    id: null,
    state,
    result: null,
    events: [],
    violations: [],
    touched: NOTHING,
  };
  for (let i = 0; i < input.steps.length; i++) {
    const s = input.steps[i] as ScenarioStepInput;
    const out = step(state, s);
    state = out.state;
    const frame: RunFrame = {
      index: i + 1,
      op: s,
      note: s.note ?? null,
      id: s.id ?? null,
      state,
      result: out.result,
      // Not made here: a trace keeps only a heavy step's, packed from the log (checkpoint.ts).
      get events() {
        return out.events;
      },
      violations: out.violations,
      touched: out.touched,
    };
    // A way to read the events, not more of the frame: copies and comparisons leave it out.
    Object.defineProperty(frame, 'eventLog', { value: out.eventLog, enumerable: false });
    yield frame;
  }
}

/** Run a scenario with a kernel image's step function (src/model/vmlinux.ts binds it). */
export function runScenarioWith(
  step: (state: KernelState, op: Op) => StepOutput,
  input: ScenarioInput,
): RunFrame[] {
  return [...traceFramesWith(step, input)];
}
