import { defineBuiltin } from './define';
import { probeTestDriver, testProcess } from './steps';
import { at } from './layout';

const N = 4;

/** hmm-tests.c TEST_F(hmm, migrate_shared), 4 pages. */
export const selftestMigrateShared = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-migrate-shared',
  title: 'Selftest migrate_shared: shared memory never becomes device-private',
  summary:
    'Port of hmm-tests.c migrate_shared, scaled to 4 pages. A MAP_SHARED | MAP_ANONYMOUS ' +
    'mapping cannot move to DEVICE_PRIVATE memory: v4.14 collects its holes but ' +
    'migrate_vma_insert_page() accepts only anonymous VMAs, so nothing moves and the driver’s ' +
    'read-back fails: ret -ENOENT, as in later kernels (which skip the holes at collect).',
  era: 'v4.14',
  steps: [
    probeTestDriver(),
    testProcess(),
    {
      op: 'mmap',
      pid: 1,
      addr: at(0),
      npages: N,
      prot: 'rw',
      flags: ['shared', 'anonymous'],
      note: 'mmap(MAP_SHARED | MAP_ANONYMOUS): a shmem VMA, never touched.',
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      id: 'enoent',
      note:
        'migrate_vma_collect() marks the four holes MIGRATE (v4.14 does so for any VMA), the ' +
        'driver allocates device pages, but migrate_vma_pages() → migrate_vma_insert_page() ' +
        'refuses a VMA that is not vma_is_anonymous(): MIGRATE is cleared and ' +
        'migrate_vma_finalize() gives the device pages back. Nothing is in the device page ' +
        'table: ret -ENOENT.',
    },
  ],
});
