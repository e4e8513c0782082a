import { defineBuiltin } from './define';
import { PARENT_PROCESS, selftestSetup } from './steps';
import { at } from './layout';

const N = 4;

/** hmm-tests.c TEST_F(hmm, anon_write_child), migrate = 1: the v4.14 livelock. */
export const selftestAnonWriteChildMigrate = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-anon-write-child-migrate',
  title: 'Selftest anon_write_child with migration: the child livelocks in v4.14',
  summary:
    'Port of hmm-tests.c anon_write_child with migrate = 1, scaled to 4 pages. The pages are in ' +
    'device memory when the test forks. The child’s first read must migrate a page both ' +
    'processes map, but v4.14’s rmap walk cannot see device-private PTEs, so migration is ' +
    'refused on every fault: the child livelocks where later kernels read i. It ends when the ' +
    'child is killed; the 2018 map_pte() fix by Ralph Campbell removed the livelock.',
  era: 'v4.14',
  steps: [
    ...selftestSetup(N, { process: PARENT_PROCESS }),
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      note:
        'HMM_DMIRROR_MIGRATE_TO_DEV: migrate_vma() moves the four pages to the device. ret 0, ' +
        'cpages 4.',
    },
    {
      op: 'fork',
      pid: 1,
      child: 2,
      note:
        'copy_one_pte() copies each device-private entry: get_page(), page_dup_rmap(), and in ' +
        'this COW mapping both the child’s and the parent’s entries become read-only.',
    },
    {
      op: 'read',
      pid: 2,
      addr: at(0),
      npages: N,
      id: 'livelock',
      note:
        'The child reads page 0: do_swap_page() → dmirror_devmem_fault() → migrate_vma(). ' +
        'Collect converts the child’s entry; the parent’s mapping must go through try_to_unmap() ' +
        '→ page_vma_mapped_walk(), whose map_pte() skips non-present PTEs without PVMW_SYNC. The ' +
        'page stays mapped, migrate_vma_unmap() restores it, and the fault repeats forever. ' +
        'Later kernels (after Ralph Campbell’s 2018 "mm/rmap: map_pte() was not handling ' +
        'private ZONE_DEVICE page properly") read 0, 1, 2, 3 here.',
    },
    {
      op: 'exit',
      pid: 2,
      note:
        'The hung child is killed: zap_pte_range() drops its four device-private entries ' +
        '(page_remove_rmap(), put_page()): each device page is back to mapcount 1.',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: N,
      note:
        'The parent is now the only mapper: each load migrates its page home (read-only) and ' +
        'the parent reads 0, 1, 2, 3, as the selftest requires of it.',
    },
  ],
});
