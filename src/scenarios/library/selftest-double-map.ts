import { defineBuiltin } from './define';
import { probeTwoDevices, testProcess, mapBuffer, fillBuffer } from './steps';
import { at } from './layout';

const N = 4;

/** hmm-tests.c TEST_F(hmm2, double_map), 4 pages. */
export const selftestDoubleMap = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-double-map',
  title: 'Selftest double_map: two devices read the same memory',
  summary:
    'Port of hmm-tests.c double_map, scaled to 4 pages. Both devices read the read-only buffer; ' +
    'then the pages migrate to device 1 and device 0 reads them again: ret 0, cpages 4, ' +
    'faults 1, data i, as in later kernels. But v4.14’s hmm_vma_fault() has no owner test: ' +
    'it hands device 0 device 1’s pfns, and the test driver must force each page home itself ' +
    '(with get_user_pages()) where later kernels’ hmm_range_fault() does it.',
  era: 'v4.14',
  steps: [
    ...probeTwoDevices(),
    testProcess(),
    mapBuffer(N),
    fillBuffer(N),
    {
      op: 'mprotect',
      pid: 1,
      addr: at(0),
      npages: N,
      prot: 'r',
      note: 'mprotect(PROT_READ): change_pte_range() write-protects the pages.',
    },
    {
      op: 'dmirror_read',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      note:
        'Device 0 reads: hmm_vma_fault() finds four present pages; no CPU fault is needed, the ' +
        'driver counts one fault round. ret 0, cpages 4, faults 1, data 0, 1, 2, 3.',
    },
    {
      op: 'dmirror_read',
      device: 'dmirror1',
      pid: 1,
      addr: at(0),
      npages: N,
      note:
        'Device 1 reads the same pages through its own mirror. ret 0, cpages 4, faults 1, same ' +
        'data.',
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror1',
      pid: 1,
      addr: at(0),
      npages: N,
      note:
        'migrate_vma() moves the pages to device 1. The mmu notifier drops device 0’s entries; ' +
        'device 1 keeps its own (its own migration). The new entries are read-only (read ' +
        'migration entries). ret 0, cpages 4.',
    },
    {
      op: 'dmirror_read',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      id: 'double-map',
      note:
        'Device 0 reads again. hmm_vma_fault() returns device 1’s pfns flagged ' +
        'HMM_PFN_DEVICE_UNADDRESSABLE (no owner concept in v4.14). Device 0 cannot use them, ' +
        'so the test driver calls get_user_pages() page by page: faultin_page() → ' +
        'do_swap_page() → device 1’s fault callback migrates each page home, and the walk is ' +
        'retried. ret 0, cpages 4, faults 1, data 0, 1, 2, 3.',
    },
  ],
});
