import { defineBuiltin } from './define';
import { PARENT_PROCESS, setupAndMigrate } from './steps';
import { at, iota } from './layout';

const N = 4;

/** hmm-tests.c TEST_F(hmm, hmm_cow_in_device), 4 pages as in the selftest. */
export const selftestHmmCowInDevice = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-hmm-cow-in-device',
  title: 'Selftest hmm_cow_in_device: the parent writes while a child shares device pages',
  summary:
    'Port of hmm-tests.c hmm_cow_in_device (4 pages, as in the selftest). The pages are on the ' +
    'device when the test forks; the child just spins. The parent’s write must migrate pages ' +
    'that both processes map, which v4.14 cannot (map_pte() bug): the write livelocks for as ' +
    'long as the child lives. Killing the child ends it; the parent’s write then succeeds and ' +
    'the snapshot shows four writable system pages (0x02), as in later kernels.',
  era: 'v4.14',
  steps: [
    ...setupAndMigrate(N, { process: PARENT_PROCESS }),
    {
      op: 'fork',
      pid: 1,
      child: 2,
      note:
        'copy_one_pte() shares each device-private entry read-only in both processes ' +
        '(get_page(), page_dup_rmap()). The child only spins.',
    },
    {
      op: 'write',
      pid: 1,
      addr: at(0),
      npages: N,
      values: iota(N),
      id: 'livelock',
      note:
        'The parent writes page 0: do_swap_page() → dmirror_devmem_fault() → migrate_vma(). ' +
        'try_to_unmap() cannot find the child’s device-private PTE (v4.14 map_pte() skips ' +
        'non-present PTEs), so migrate_vma_unmap() restores the page and the fault repeats ' +
        'without progress. With Ralph Campbell’s 2018 map_pte() fix both mappings move to one ' +
        'RAM page and do_wp_page() then COWs the parent’s copy.',
    },
    {
      op: 'exit',
      pid: 2,
      note:
        'The test kills the child (SIGKILL, waitpid): zap_pte_range() drops its entries, and ' +
        'each device page is mapped by the parent alone.',
    },
    {
      op: 'write',
      pid: 1,
      addr: at(0),
      npages: N,
      values: iota(N),
      note:
        'The parent’s write now works: each page faults home read-only through ' +
        'dmirror_devmem_fault(), then do_wp_page() reuses it writable.',
    },
    {
      op: 'dmirror_snapshot',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      id: 'snapshot',
      note:
        'hmm_vma_get_pfns(): four present writable system pages, WRITE (0x02) each, as the ' +
        'selftest expects.',
    },
  ],
});
