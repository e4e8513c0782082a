import { defineBuiltin } from './define';
import { probeTestDriver, testProcess, PARENT_PROCESS } from './steps';
import { at, iota, negIota } from './layout';

const N = 4;

/** hmm-tests.c TEST_F(hmm, anon_write_child_shared), 4 pages. */
export const selftestAnonWriteChildShared = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-anon-write-child-shared',
  title: 'Selftest anon_write_child_shared: no COW in shared memory',
  summary:
    'Port of hmm-tests.c anon_write_child_shared, scaled to 4 pages. The buffer is ' +
    'MAP_SHARED | MAP_ANONYMOUS (shmem), so fork() shares the pages writable; the child’s ' +
    'device write of -i lands in the pages the parent sees. Same results as later kernels.',
  era: 'v4.14',
  steps: [
    probeTestDriver(),
    testProcess(PARENT_PROCESS),
    {
      op: 'mmap',
      pid: 1,
      addr: at(0),
      npages: N,
      prot: 'rw',
      flags: ['shared', 'anonymous'],
      note: 'mmap(MAP_SHARED | MAP_ANONYMOUS): a shmem-backed VMA, not a COW mapping.',
    },
    {
      op: 'write',
      pid: 1,
      addr: at(0),
      npages: N,
      values: iota(N),
      note:
        'ptr[i] = i: do_shared_fault() → shmem_getpage_gfp() allocates the page-cache pages ' +
        'and page_add_file_rmap() maps them.',
    },
    {
      op: 'fork',
      pid: 1,
      child: 2,
      note:
        'copy_page_range() copies nothing for a shared VMA without an anon_vma: the child will ' +
        'fault the same page-cache pages in. Nothing is write-protected: no COW here.',
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
        'The child, through its own mirror, writes -i: hmm_vma_fault(write) faults the pages ' +
        'into the child’s page table (do_shared_fault() finds the same page-cache pages with ' +
        'find_lock_entry()) and the device ' +
        'writes them. ret 0, cpages 4, faults 1.',
    },
    {
      op: 'exit',
      pid: 2,
      note: 'The child exits: its mappings go, the shmem pages stay in the page cache.',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: N,
      note: 'The parent sees the child’s device write: 0, -1, -2, -3.',
    },
  ],
});
