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
import type { Frame, ScenarioInput } from './run';
import { runScenarioWith } from './run';
import type { ContractState } from './snapshot';
import { snapshotWith } from './snapshot';
import { dmirrorDriver, dmirrorDriverV612 } from './driver';

/** The drivers each era's image links; the default one binds the devices `device_add` names. */
export const DRIVERS: Readonly<Record<Era, Drivers>> = {
  'v4.14': { byTag: { [dmirrorDriver.tag]: dmirrorDriver }, defaultDriver: dmirrorDriver.tag },
  // test_hmm on v6.12's interfaces: dev_pagemap_ops, migrate_vma_setup/pages/finalize.
  'v6.12': {
    byTag: { [dmirrorDriverV612.tag]: dmirrorDriverV612 },
    defaultDriver: dmirrorDriverV612.tag,
  },
};

export const driversOf = (era: Era): Drivers => DRIVERS[era];

/** One scenario op = one immer produce over the kernel state (see step.ts). */
export function step(state: KernelState, op: Op): StepOutput {
  return stepWith(driversOf(state.era), state, op);
}

/** frames[0] = boot, frames[i] after step i - 1. */
export function runScenario(input: ScenarioInput): Frame[] {
  return runScenarioWith(step, input);
}

/** The contract's `final` JSON (and `steps[i].state` with --states). */
export function snapshotState(s: KernelState): ContractState {
  return snapshotWith(driversOf(s.era), s);
}
