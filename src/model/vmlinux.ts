/**
 * The kernel image: the core linked with its built-in drivers, per era. This is the one file of
 * the core that names a driver (the lint rule in eslint.config.js allows it and index.ts, nothing
 * else outside src/model/driver). An era plugs in here: its own driver table (drivers written to
 * that era's interfaces) under its Era key. See docs/adr/0007-driver-behind-its-ops.md.
 */
import type { Drivers } from './kernel';
import type { Era, KernelState } from './types';
import type { Op } from './ops';
import type { StepOutput } from './step';
import { stepWith } from './step';
import type { RunFrame, ScenarioInput } from './run';
import { runScenarioWith, traceFramesWith } from './run';
import type { ContractState } from './snapshot';
import { snapshotWith } from './snapshot';
import { dmirrorDriver } from './driver';
import { CheckpointedTrace, checkpointFrames } from './checkpoint';

/**
 * The drivers each era's image links; the default one binds the devices `device_add` names.
 * v4.14 is linked in; v6.12 registers itself when its image (vmlinux_v612.ts) loads.
 */
const DRIVERS: Partial<Record<Era, Drivers>> = {
  'v4.14': { byTag: { [dmirrorDriver.tag]: dmirrorDriver }, defaultDriver: dmirrorDriver.tag },
};

/** Called by an era's image when it loads. */
export function registerEra(era: Era, drivers: Drivers): void {
  DRIVERS[era] = drivers;
}

export const isEraLoaded = (era: Era): boolean => DRIVERS[era] !== undefined;

/** Bring in an era's image (a chunk of its own in the app); resolves at once if it is here. */
export async function loadEra(era: Era): Promise<void> {
  if (isEraLoaded(era)) return;
  if (era === 'v6.12') await import('./vmlinux_v612');
}

export function driversOf(era: Era): Drivers {
  const d = DRIVERS[era];
  if (!d) throw new Error(`the ${era} kernel image is not loaded yet`);
  return d;
}

/** One scenario op = one immer produce over the kernel state (see step.ts). */
export function step(state: KernelState, op: Op): StepOutput {
  return stepWith(driversOf(state.era), state, op);
}

/** frames[0] = boot, frames[i] after step i - 1. */
export function runScenario(input: ScenarioInput): RunFrame[] {
  return runScenarioWith(step, input);
}

/** The same frames one at a time (the app's trace worker reports progress between them). */
export function traceScenario(input: ScenarioInput): Generator<RunFrame, void, undefined> {
  return traceFramesWith(step, input);
}

/** The scenario's trace with checkpoints instead of every state (checkpoint.ts). */
export function checkpointScenario(input: ScenarioInput, every?: number): CheckpointedTrace {
  return checkpointFrames(step, input.era, traceFramesWith(step, input), every);
}

/** An empty checkpointed trace to fill with parts computed elsewhere (the trace worker's). */
export function emptyTrace(era: Era): CheckpointedTrace {
  return new CheckpointedTrace(step, era);
}

/** The contract's `final` JSON (and `steps[i].state` with --states). */
export function snapshotState(s: KernelState): ContractState {
  return snapshotWith(driversOf(s.era), s);
}
