import { defineBuiltin } from './define';
import { testProcess, mapBuffer, fillBuffer, migrateBuffer } from './steps';
import { at } from './layout';

const N = 4;

/** hmm-tests.c TEST_F(hmm, migrate_release) (v6.1+), 4 pages. */
export const selftestMigrateRelease = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-migrate-release',
  title: 'Selftest migrate_release: the driver lets go of its memory while pages are in use',
  summary:
    'Port of hmm-tests.c migrate_release, scaled to 4 pages. The pages move to the device, then ' +
    'HMM_DMIRROR_RELEASE removes the device memory: v6.12 first evicts every page still in use ' +
    '(migrate_device_range), so the CPU reads its data from system memory. v4.14 has no such ' +
    'ioctl (-ENOTTY) and the pages simply fault home.',
  era: 'v4.14',
  steps: [
    {
      op: 'device_add',
      device: 'dmirror0',
      type: 'private',
      note: 'The test driver probes and hotplugs its first chunk.',
    },
    testProcess(),
    mapBuffer(N),
    fillBuffer(N),
    migrateBuffer(
      N,
      'hmm_migrate_sys_to_dev: ASSERT_EQ(ret, 0); ASSERT_EQ(buffer->cpages, npages).',
    ),
    {
      op: 'dmirror_read',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      note: 'The device reads what it holds: mirror[i] == i.',
    },
    {
      op: 'dmirror_release',
      device: 'dmirror0',
      id: 'release',
      note:
        'HMM_DMIRROR_RELEASE: ASSERT_EQ(ret, 0). v6.12 dmirror_device_remove_chunks evicts each ' +
        'chunk (migrate_device_range → migrate_device_pages → migrate_device_finalize), then ' +
        'memunmap_pages. v4.14 has no such ioctl.',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: N / 2,
      id: 'read-back',
      note: 'The CPU reads the first half: ASSERT_EQ(ptr[i], i).',
    },
  ],
});
