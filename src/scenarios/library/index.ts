/**
 * The built-in scenario library: one file per scenario, each validated by the scenario schema at
 * module load. Order here is the order the app lists them in: the seed ideas first, then ports of
 * the hmm selftests (tools/testing/selftests/mm/hmm-tests.c) scaled down to a few pages.
 */
import type { BuiltinScenario } from './define';
import { deviceErrorSigbus } from './device-error-sigbus';
import { hwpoisonSigbus } from './hwpoison-sigbus';
import { devicePrivateLifecycle } from './device-private-lifecycle';
import { devicePublicCowHole } from './device-public-cow-hole';
import { devicePublicCowHoleNoFork } from './device-public-cow-hole-no-fork';
import { devicePublicShmemRefault } from './device-public-shmem-refault';
import { devicePublicCpuAccess } from './device-public-cpu-access';
import { faultOom } from './fault-oom';
import { forkCowDevicePrivate } from './fork-cow-device-private';
import { gupPinsDevicePage } from './gup-pins-device-page';
import { hotplugRemoveWhileMapped } from './hotplug-remove-while-mapped';
import { hotplugTwoDevices } from './hotplug-two-devices';
import { madviseDevicePages } from './madvise-device-pages';
import { migrateAndFaultBack } from './migrate-and-fault-back';
import { mprotectDevicePrivate } from './mprotect-device-private';
import { mprotectExecLosesWrite } from './mprotect-exec-loses-write';
import { munmapExitDevicePages } from './munmap-exit-device-pages';
import { readonlyMigrateBack } from './readonly-migrate-back';
import { selftestAnonRead } from './selftest-anon-read';
import { selftestAnonReadMultiple } from './selftest-anon-read-multiple';
import { selftestAnonReadProt } from './selftest-anon-read-prot';
import { selftestAnonWrite } from './selftest-anon-write';
import { selftestAnonWriteChild } from './selftest-anon-write-child';
import { selftestAnonWriteChildMigrate } from './selftest-anon-write-child-migrate';
import { selftestAnonWriteChildShared } from './selftest-anon-write-child-shared';
import { selftestAnonWriteProt } from './selftest-anon-write-prot';
import { selftestDoubleMap } from './selftest-double-map';
import { selftestHmmCowInDevice } from './selftest-hmm-cow-in-device';
import { selftestHmmGupTest } from './selftest-hmm-gup-test';
import { selftestMigrate } from './selftest-migrate';
import { selftestMigrateFault } from './selftest-migrate-fault';
import { selftestMigrateRelease } from './selftest-migrate-release';
import { selftestMigrateMixed } from './selftest-migrate-mixed';
import { selftestMigrateMultiple } from './selftest-migrate-multiple';
import { selftestMigrateShared } from './selftest-migrate-shared';
import { selftestSnapshot } from './selftest-snapshot';
import { tinyMachineOom } from './tiny-machine-oom';

export type { BuiltinScenario } from './define';

export const DEFAULT_SCENARIO_ID = 'migrate-and-fault-back';

export const builtinScenarios: readonly BuiltinScenario[] = Object.freeze([
  migrateAndFaultBack,
  devicePrivateLifecycle,
  readonlyMigrateBack,
  hotplugTwoDevices,
  hotplugRemoveWhileMapped,
  forkCowDevicePrivate,
  mprotectDevicePrivate,
  mprotectExecLosesWrite,
  madviseDevicePages,
  munmapExitDevicePages,
  gupPinsDevicePage,
  devicePublicCpuAccess,
  devicePublicCowHole,
  devicePublicCowHoleNoFork,
  devicePublicShmemRefault,
  deviceErrorSigbus,
  hwpoisonSigbus,
  faultOom,
  tinyMachineOom,
  selftestAnonRead,
  selftestAnonReadProt,
  selftestAnonWrite,
  selftestAnonWriteProt,
  selftestAnonWriteChild,
  selftestAnonWriteChildMigrate,
  selftestAnonWriteChildShared,
  selftestMigrate,
  selftestMigrateFault,
  selftestMigrateRelease,
  selftestMigrateShared,
  selftestMigrateMixed,
  selftestMigrateMultiple,
  selftestAnonReadMultiple,
  selftestSnapshot,
  selftestDoubleMap,
  selftestHmmGupTest,
  selftestHmmCowInDevice,
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
