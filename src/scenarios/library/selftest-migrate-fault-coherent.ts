import { defineBuiltin } from './define';
import { migrateBuffer, selftestSetup } from './steps';
import { at } from './layout';

const N = 4;

/** hmm-tests.c TEST_F(hmm, migrate_fault), fixture variant hmm_device_coherent, 4 pages. */
export const selftestMigrateFaultCoherent = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-migrate-fault-coherent',
  title: 'Selftest migrate_fault (coherent): the CPU reads device memory in place',
  summary:
    'Port of hmm-tests.c migrate_fault under the hmm_device_coherent fixture variant (v6.0+), ' +
    '4 pages. The CPU reading half the buffer takes no fault (the PTEs are present) and the ' +
    'device keeps its entries; migrating the whole range again collects nothing ' +
    '(SELECT_SYSTEM skips coherent pages) and the read-back still finds all four: ret 0, cpages ' +
    '4, data i. v4.14 has no DEVICE_COHERENT (-ENOTTY).',
  era: 'v4.14',
  steps: [
    ...selftestSetup(N, {}, 'coherent'),
    migrateBuffer(
      N,
      'migrate_vma_setup(SELECT_SYSTEM) → coherent device pages behind writable present PTEs. ' +
        'ret 0, cpages 4.',
    ),
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: N / 2,
      id: 'fault-half',
      note:
        'The CPU reads the first half: the PTEs are present, so there is no fault and nothing ' +
        'moves (the private variant faults these pages home). Data 0, 1.',
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      id: 'again',
      note:
        'Migrate the whole range again. migrate_vma_collect_pmd() skips each coherent page (its ' +
        'flags lack SELECT_DEVICE_COHERENT), so nothing moves; the read-back finds the four ' +
        'mirror entries of the first migration: ret 0, cpages 4.',
    },
    {
      op: 'dmirror_read',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      note: 'The device reads 0, 1, 2, 3 from its page table: no fault.',
    },
  ],
});
