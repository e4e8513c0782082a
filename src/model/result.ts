/** The `hmm-result/1` document of the contract (scenario-contract.md §3). */
import type { StepResult, Violation } from './ops';
import type { KernelEvents } from './kernel_events';
import type { Era } from './types';
import type { Frame, ScenarioInput } from './run';
import type { ContractState } from './snapshot';
import { snapshotState } from './vmlinux';

export interface ResultStep {
  index: number;
  op: string;
  id?: string;
  result: StepResult;
  events: { fn: string; file: string; text: string; depth: number }[];
  violations: Violation[];
  state?: ContractState;
}

export interface HmmResult {
  schema: 'hmm-result/1';
  era: Era;
  steps: ResultStep[];
  final: ContractState;
}

const plainEvents = (e: KernelEvents): ResultStep['events'] =>
  Array.from(e, (x) => ({ fn: x.fn, file: x.file, text: x.text, depth: x.depth }));

/**
 * The result's steps one at a time, each with its state only when asked: a writer that streams
 * them (the CLI, from traceScenario's frames) keeps one frame and one state snapshot in memory,
 * not one per step. The boot frame (index 0) has no op and prints nothing.
 */
export function* resultSteps(
  frames: Iterable<Frame>,
  opts: { states: boolean },
): Generator<ResultStep> {
  for (const f of frames) {
    if (f.index === 0 || !f.op || !f.result) continue;
    const s: ResultStep = {
      index: f.index - 1,
      op: f.op.op,
      result: f.result,
      events: plainEvents(f.events),
      violations: [...f.violations],
    };
    if (f.id !== null) s.id = f.id;
    if (opts.states) s.state = snapshotState(f.state);
    yield s;
  }
}

/** The whole document (tests, the app's export); the CLI streams the same text (cli/jsonStream.ts). */
export function toResultJson(
  input: ScenarioInput,
  frames: readonly Frame[],
  opts: { states: boolean },
): HmmResult {
  const steps = [...resultSteps(frames, opts)];
  const last = frames[frames.length - 1];
  if (!last) throw new Error('a trace always has its boot frame');
  return { schema: 'hmm-result/1', era: input.era, steps, final: snapshotState(last.state) };
}
