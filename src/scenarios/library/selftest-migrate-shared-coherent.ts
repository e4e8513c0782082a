import { defineBuiltin } from './define';
import { probeCoherentDriver, testProcess } from './steps';
import { at } from './layout';

const N = 4;

/** hmm-tests.c TEST_F(hmm, migrate_shared), fixture variant hmm_device_coherent, 4 pages. */
export const selftestMigrateSharedCoherent = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-migrate-shared-coherent',
  title: 'Selftest migrate_shared (coherent): shared memory stays in system RAM',
  summary:
    'Port of hmm-tests.c migrate_shared under the hmm_device_coherent fixture variant, 4 pages. ' +
    'A MAP_SHARED | MAP_ANONYMOUS mapping is not anonymous to migrate_vma: its holes are not ' +
    'collected, nothing moves and the driver’s read-back fails: ret -ENOENT, as for ' +
    'device-private memory. v4.14 has no DEVICE_COHERENT (-ENOTTY).',
  era: 'v4.14',
  steps: [
    probeCoherentDriver(),
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
        'migrate_vma_collect_pmd() counts a pte_none hole only in an anonymous VMA: cpages 0, ' +
        'nothing is copied and the device page table stays empty. ret -ENOENT.',
    },
  ],
});
