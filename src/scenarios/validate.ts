/**
 * Checks the schema cannot express: every pid and device a step names was created by an earlier
 * step, creations do not collide, ranges stay inside user space and step ids are unique.
 */
import { PAGE_SIZE } from '../model/types';
import { stepLabel, stepNumber } from './describe';
import { OP_NAMES, USER_ADDR_LIMIT, type Scenario, type ScenarioStep } from './schema';

interface Seen {
  pids: Map<number, number>;
  devices: Map<string, number>;
  ids: Map<string, number>;
}

function checkStep(step: ScenarioStep, index: number, seen: Seen): string | null {
  if (step.op === 'device_add') {
    const at = seen.devices.get(step.device);
    if (at !== undefined)
      return `field "device": device "${step.device}" already exists (added at step ${stepNumber(at)})`;
    seen.devices.set(step.device, index);
  } else if ('device' in step && !seen.devices.has(step.device)) {
    return `field "device": unknown device "${step.device}" (no device_add before this step)`;
  }
  if (step.op === 'spawn') {
    const at = seen.pids.get(step.pid);
    if (at !== undefined)
      return `field "pid": pid ${step.pid} already exists (step ${stepNumber(at)})`;
    seen.pids.set(step.pid, index);
  } else if ('pid' in step && !seen.pids.has(step.pid)) {
    return `field "pid": unknown pid ${step.pid} (no spawn or fork creates it before this step)`;
  }
  if (step.op === 'fork') {
    const at = seen.pids.get(step.child);
    if (at !== undefined)
      return `field "child": pid ${step.child} already exists (step ${stepNumber(at)})`;
    seen.pids.set(step.child, index);
  }
  if ('addr' in step && step.addr + step.npages * PAGE_SIZE > USER_ADDR_LIMIT) {
    return `field "npages": the range ends beyond 2^47 (the end of user space), got ${step.npages}`;
  }
  if (step.id !== undefined) {
    const at = seen.ids.get(step.id);
    if (at !== undefined)
      return `field "id": duplicate step id "${step.id}" (also step ${stepNumber(at)})`;
    seen.ids.set(step.id, index);
  }
  return null;
}

/** The first semantic error as one line, or null. */
export function checkSemantics(scenario: Scenario): string | null {
  const seen: Seen = { pids: new Map(), devices: new Map(), ids: new Map() };
  for (const [index, step] of scenario.steps.entries()) {
    const error = checkStep(step, index, seen);
    if (error !== null) return `${stepLabel(index, step.op, OP_NAMES)}: ${error}`;
  }
  return null;
}
