import { defineBuiltin } from './define';
import { selftestSetup } from './steps';
import { at } from './layout';

const N = 4;

/** hmm-tests.c TEST_F(hmm, migrate), fixture variant hmm_device_coherent, 4 pages. */
export const selftestMigrateCoherent = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-migrate-coherent',
  title: 'Selftest migrate (coherent): anonymous memory moves to CPU-addressable device memory',
  summary:
    'Port of hmm-tests.c migrate under the hmm_device_coherent fixture variant (v6.0+), 4 ' +
    'pages. HMM_DMIRROR_MIGRATE_TO_DEV moves i to DEVICE_COHERENT memory: ret 0, cpages 4, and ' +
    'the device reads i back. Unlike device-private memory, the CPU keeps ordinary present PTEs ' +
    'to the device pages and reads them without a fault. v4.14 has no DEVICE_COHERENT (-ENOTTY).',
  era: 'v4.14',
  steps: [
    ...selftestSetup(N, {}, 'coherent'),
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      id: 'migrate',
      note:
        'migrate_vma_setup(SELECT_SYSTEM) collects the four pages; dmirror_migrate_alloc_and_copy() ' +
        'takes coherent device pages and copies; migrate_vma_pages() moves the mappings, ' +
        'dmirror_migrate_finalize_and_map() stores writable mirror entries and ' +
        'migrate_vma_finalize() → remove_migration_ptes() installs ordinary writable present ' +
        'PTEs to device memory. ret 0, cpages 4.',
    },
    {
      op: 'dmirror_read',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      note: 'The device reads its pages through its page table, without a fault: 0, 1, 2, 3.',
    },
    {
      op: 'dmirror_snapshot',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      note:
        'Not in the selftest: hmm_range_fault() finds present PTEs to this device’s coherent ' +
        'pages, dmirror_mkentry() says DEV_COHERENT_LOCAL | WRITE (0x42).',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: N,
      note:
        'Not in the selftest: the CPU reads device memory through its present PTEs — no fault, ' +
        'no migration back (a device-private page would fault home here). 0, 1, 2, 3.',
    },
  ],
});
