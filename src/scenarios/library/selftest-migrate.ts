import { defineBuiltin } from './define';
import { selftestSetup } from './steps';
import { at } from './layout';

const N = 4;

/** hmm-tests.c TEST_F(hmm, migrate), 4 pages. */
export const selftestMigrate = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-migrate',
  title: 'Selftest migrate: anonymous memory moves to the device',
  summary:
    'Port of hmm-tests.c migrate, scaled to 4 pages. HMM_DMIRROR_MIGRATE_TO_DEV moves i to ' +
    'device memory: ret 0, cpages 4, and the device reads i back. Every CPU PTE is now a ' +
    'writable device-private entry, as in later kernels (v4.14 gets there through ' +
    'migrate_vma() with alloc_and_copy()/finalize_and_map() callbacks).',
  era: 'v4.14',
  steps: [
    ...selftestSetup(N),
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      id: 'migrate',
      note:
        'migrate_vma(): migrate_vma_collect() installs migration entries, migrate_vma_prepare() ' +
        'isolates the pages, alloc_and_copy() takes device pages (dmirror_devmem_alloc_page()) ' +
        'and copies, migrate_vma_pages() → migrate_page() moves the mapping, finalize_and_map() ' +
        'stores writable mirror entries, migrate_vma_finalize() → remove_migration_pte() ' +
        'installs writable device-private entries. ret 0, cpages 4.',
    },
    {
      op: 'dmirror_read',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      note:
        'The device reads its own copies through its page table, without a fault: 0, 1, 2, 3 ' +
        '(the selftest checks its mirror buffer the same way).',
    },
    {
      op: 'dmirror_snapshot',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      note:
        'hmm_vma_get_pfns(): every PTE is a writable device-private entry of this device, ' +
        'DEV_PRIVATE_LOCAL | WRITE (0x22).',
    },
  ],
});
