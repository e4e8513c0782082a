import { defineBuiltin } from './define';
import { probeTestDriver, testProcess, PARENT_PROCESS, mapBuffer } from './steps';
import { at, iota, negIota } from './layout';

const N = 4;

/** hmm-tests.c TEST_F(hmm, anon_write_child), migrate = 0, no THP, 4 pages. */
export const selftestAnonWriteChild = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-anon-write-child',
  title: 'Selftest anon_write_child: a child writes through its own mirror',
  summary:
    'Port of hmm-tests.c anon_write_child without migration, scaled to 4 pages. After fork() ' +
    'the child reads i, opens its own mirror and has the device write -i: hmm_vma_fault(write) ' +
    'COWs each page in the child only. The child sees -i; the parent keeps i. Same results as ' +
    'later kernels.',
  era: 'v4.14',
  steps: [
    probeTestDriver(),
    testProcess(PARENT_PROCESS),
    mapBuffer(N),
    {
      op: 'write',
      pid: 1,
      addr: at(0),
      npages: N,
      values: iota(N),
      note:
        'ptr[i] = i: do_anonymous_page() allocates the pages. (The user-side mirror buffer ' +
        'holds -i.)',
    },
    {
      op: 'fork',
      pid: 1,
      child: 2,
      note:
        'copy_one_pte(): each present page gets get_page() and page_dup_rmap(), and ' +
        'ptep_set_wrprotect() makes both copies read-only (COW).',
    },
    {
      op: 'read',
      pid: 2,
      addr: at(0),
      npages: N,
      note: 'The child reads 0, 1, 2, 3 from the shared pages, without a fault.',
    },
    {
      op: 'dmirror_write',
      device: 'dmirror0',
      pid: 2,
      addr: at(0),
      npages: N,
      values: negIota(N),
      id: 'child-write',
      note:
        'The child opens its own /dev/hmm_dmirror0 (hmm_mirror_register() on its mm) and writes ' +
        '-i: hmm_vma_fault(write) faults each read-only PTE, do_wp_page() → wp_page_copy() ' +
        'gives the child private copies. ret 0, cpages 4, faults 1.',
    },
    {
      op: 'read',
      pid: 2,
      addr: at(0),
      npages: N,
      note: 'The child sees the device’s data: 0, -1, -2, -3.',
    },
    {
      op: 'exit',
      pid: 2,
      note: 'The child exits (_exit(0)): zap_pte_range() frees its copies.',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: N,
      note: 'COW kept the parent isolated: it still reads 0, 1, 2, 3.',
    },
  ],
});
