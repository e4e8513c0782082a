/**
 * The whole built-in library, loaded eagerly: for Node (the CLI, scripts, tests), never for the
 * app, which opens built-ins one at a time through loadBuiltin() (index.ts) so that only the
 * default scenario is in its initial chunk (e2e/bundle.spec.ts). eslint keeps this file out of
 * the app. The order here is the menu order; catalog.ts lists the same ids in the same order
 * (catalog.test.ts checks it).
 */
import type { BuiltinScenario } from './define';
import { rememberBuiltin } from './index';
import { migrateAndFaultBack } from './migrate-and-fault-back';
import { devicePrivateLifecycle } from './device-private-lifecycle';
import { readonlyMigrateBack } from './readonly-migrate-back';
import { hotplugTwoDevices } from './hotplug-two-devices';
import { hotplugRemoveWhileMapped } from './hotplug-remove-while-mapped';
import { forkCowDevicePrivate } from './fork-cow-device-private';
import { mprotectDevicePrivate } from './mprotect-device-private';
import { mprotectExecLosesWrite } from './mprotect-exec-loses-write';
import { madviseDevicePages } from './madvise-device-pages';
import { munmapExitDevicePages } from './munmap-exit-device-pages';
import { gupPinsDevicePage } from './gup-pins-device-page';
import { devicePublicCpuAccess } from './device-public-cpu-access';
import { devicePublicCowHole } from './device-public-cow-hole';
import { devicePublicCowHoleNoFork } from './device-public-cow-hole-no-fork';
import { devicePublicShmemRefault } from './device-public-shmem-refault';
import { deviceErrorSigbus } from './device-error-sigbus';
import { hwpoisonSigbus } from './hwpoison-sigbus';
import { faultOom } from './fault-oom';
import { tinyMachineOom } from './tiny-machine-oom';
import { migrationEntryFork } from './migration-entry-fork';
import { migrationEntryMunmap } from './migration-entry-munmap';
import { migrationEntryWait } from './migration-entry-wait';
import { migrationFailRestores } from './migration-fail-restores';
import { selftestAnonRead } from './selftest-anon-read';
import { selftestAnonReadProt } from './selftest-anon-read-prot';
import { selftestAnonWrite } from './selftest-anon-write';
import { selftestAnonWriteProt } from './selftest-anon-write-prot';
import { selftestAnonWriteChild } from './selftest-anon-write-child';
import { selftestAnonWriteChildMigrate } from './selftest-anon-write-child-migrate';
import { selftestAnonWriteChildShared } from './selftest-anon-write-child-shared';
import { selftestMigrate } from './selftest-migrate';
import { selftestMigrateFault } from './selftest-migrate-fault';
import { selftestMigrateRelease } from './selftest-migrate-release';
import { selftestMigrateShared } from './selftest-migrate-shared';
import { selftestMigrateMixed } from './selftest-migrate-mixed';
import { selftestMigrateMultiple } from './selftest-migrate-multiple';
import { selftestAnonReadMultiple } from './selftest-anon-read-multiple';
import { selftestSnapshot } from './selftest-snapshot';
import { selftestDoubleMap } from './selftest-double-map';
import { selftestExclusive } from './selftest-exclusive';
import { selftestExclusiveCow } from './selftest-exclusive-cow';
import { selftestExclusiveMprotect } from './selftest-exclusive-mprotect';
import { selftestHmmGupTest } from './selftest-hmm-gup-test';
import { selftestHmmGupTestCoherent } from './selftest-hmm-gup-test-coherent';
import { selftestMigrateCoherent } from './selftest-migrate-coherent';
import { selftestMigrateFaultCoherent } from './selftest-migrate-fault-coherent';
import { selftestMigrateReleaseCoherent } from './selftest-migrate-release-coherent';
import { selftestMigrateSharedCoherent } from './selftest-migrate-shared-coherent';
import { selftestMigrateMixedCoherent } from './selftest-migrate-mixed-coherent';
import { selftestMigrateMultipleCoherent } from './selftest-migrate-multiple-coherent';
import { selftestSnapshotCoherent } from './selftest-snapshot-coherent';
import { selftestDoubleMapCoherent } from './selftest-double-map-coherent';
import { selftestHmmCowInDeviceCoherent } from './selftest-hmm-cow-in-device-coherent';
import { selftestHmmCowInDevice } from './selftest-hmm-cow-in-device';

export { DEFAULT_SCENARIO_ID, getBuiltin, loadBuiltin, type BuiltinScenario } from './index';

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
  migrationEntryWait,
  migrationEntryMunmap,
  migrationEntryFork,
  migrationFailRestores,
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
  selftestExclusive,
  selftestExclusiveMprotect,
  selftestExclusiveCow,
  selftestHmmGupTest,
  selftestHmmCowInDevice,
  selftestHmmGupTestCoherent,
  selftestMigrateCoherent,
  selftestMigrateFaultCoherent,
  selftestMigrateReleaseCoherent,
  selftestMigrateSharedCoherent,
  selftestMigrateMixedCoherent,
  selftestMigrateMultipleCoherent,
  selftestSnapshotCoherent,
  selftestDoubleMapCoherent,
  selftestHmmCowInDeviceCoherent,
]);

// Everything is here already: getBuiltin() answers for every id without a load.
for (const s of builtinScenarios) rememberBuiltin(s);
