import { defineBuiltin } from './define';
import { probeTestDriver, testProcess, mapBuffer } from './steps';
import { at, iota } from './layout';

const N = 4;

/** hmm-tests.c TEST_F(hmm, anon_write), 4 pages. */
export const selftestAnonWrite = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-anon-write',
  title: 'Selftest anon_write: the device writes anonymous memory',
  summary:
    'Port of hmm-tests.c anon_write, scaled to 4 pages. The device writes i into untouched ' +
    'memory: hmm_vma_fault() with write set makes do_anonymous_page() allocate each page, the ' +
    'mirror maps them writable, and the CPU then reads i. ret 0, cpages 4, faults 1, as in ' +
    'later kernels.',
  era: 'v4.14',
  steps: [
    probeTestDriver(),
    testProcess(),
    mapBuffer(N, 'Four private anonymous pages, all pte_none.'),
    {
      op: 'dmirror_write',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      values: iota(N),
      id: 'write',
      note:
        'HMM_DMIRROR_WRITE of the mirror buffer (i): the device page table is empty, so ' +
        'dmirror_fault() → hmm_vma_fault(write) → hmm_vma_walk_clear() faults every page with ' +
        'handle_mm_fault(FAULT_FLAG_WRITE): do_anonymous_page() allocates four writable pages. ' +
        'They are stored writable in the mirror and the device writes i. ret 0, cpages 4, ' +
        'faults 1.',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: N,
      note: 'The CPU sees what the device wrote: 0, 1, 2, 3, without a fault.',
    },
  ],
});
