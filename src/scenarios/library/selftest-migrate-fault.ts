import { defineBuiltin } from './define';
import { migrateBuffer, selftestSetup } from './steps';
import { at } from './layout';

const N = 4;

/** hmm-tests.c TEST_F(hmm, migrate_fault), 4 pages. */
export const selftestMigrateFault = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-migrate-fault',
  title: 'Selftest migrate_fault: CPU faults bring half the pages back, then migrate again',
  summary:
    'Port of hmm-tests.c migrate_fault, scaled to 4 pages. After migrating, the CPU reads the ' +
    'first half, which faults those pages home (and drops them from the device page table). ' +
    'Migrating the whole range again moves the first half back and skips the second, which is ' +
    'already device memory but still mirrored: ret 0, cpages 4, data i. v4.14 brings the ' +
    'faulted pages back read-only.',
  era: 'v4.14',
  steps: [
    ...selftestSetup(N),
    migrateBuffer(N, 'migrate_vma() moves all four pages to the device. ret 0, cpages 4.'),
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: N / 2,
      id: 'fault-half',
      note:
        'The CPU reads the first half: do_swap_page() → dmirror_devmem_fault() → migrate_vma() ' +
        'per page; alloc_and_copy() xa_erase()s each page from the device page table. The pages ' +
        'come home read-only (v4.14). Data 0, 1.',
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      id: 'again',
      note:
        'Migrate the whole range again. migrate_vma_collect() takes the two RAM pages (read ' +
        'migration entries: they were read-only) and, having no owner filter in v4.14, the two ' +
        'device-private entries too; alloc_and_copy() skips the latter (already device memory) ' +
        'and restored — read-only now, because the collect made READ migration entries (a v4.14 ' +
        'side effect the selftest does not check). The read-back finds all four in the device ' +
        'page table: ret 0, cpages 4.',
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
