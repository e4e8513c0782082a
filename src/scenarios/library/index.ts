/**
 * The built-in scenario library: one file per scenario, each validated by the scenario schema at
 * module load. Order here is the order the app lists them in.
 */
import type { BuiltinScenario } from './define';
import { forkCowDevicePrivate } from './fork-cow-device-private';
import { hotplugTwoDevices } from './hotplug-two-devices';
import { migrateAndFaultBack } from './migrate-and-fault-back';

export type { BuiltinScenario } from './define';

export const DEFAULT_SCENARIO_ID = 'migrate-and-fault-back';

export const builtinScenarios: readonly BuiltinScenario[] = Object.freeze([
  migrateAndFaultBack,
  hotplugTwoDevices,
  forkCowDevicePrivate,
]);

const byId = new Map<string, BuiltinScenario>();
for (const s of builtinScenarios) {
  if (byId.has(s.id)) throw new Error(`built-in scenario id "${s.id}" is used twice`);
  byId.set(s.id, s);
}
if (!byId.has(DEFAULT_SCENARIO_ID)) throw new Error('the default built-in scenario is missing');

export function getBuiltin(id: string): BuiltinScenario | undefined {
  return byId.get(id);
}
