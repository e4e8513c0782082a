import { defineBuiltin } from './define';
import { fillBuffer, mapBuffer, probeTwoCoherentDevices, testProcess } from './steps';
import { at } from './layout';

const N = 4;

/** hmm-tests.c TEST_F(hmm2, double_map), fixture variant hmm2_device_coherent, 4 pages. */
export const selftestDoubleMapCoherent = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-double-map-coherent',
  title: 'Selftest double_map (coherent): two devices read the same memory',
  summary:
    'Port of hmm-tests.c double_map under the hmm2_device_coherent fixture variant, 4 pages. ' +
    'Both devices read the read-only buffer; the pages migrate to device 1’s coherent memory; ' +
    'device 0 reads them again where they are — a coherent page is a present PTE, so ' +
    'hmm_range_fault() hands it to any device without moving it: ret 0, cpages 4, faults 1, ' +
    'data i. v4.14 has no DEVICE_COHERENT (-ENOTTY).',
  era: 'v4.14',
  steps: [
    ...probeTwoCoherentDevices(),
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
        'Device 0 reads: its page table is empty, so dmirror_fault() → hmm_range_fault() finds ' +
        'four present pages (one fault round) and the read is retried. ret 0, cpages 4, ' +
        'faults 1, data 0, 1, 2, 3.',
    },
    {
      op: 'dmirror_read',
      device: 'dmirror1',
      pid: 1,
      addr: at(0),
      npages: N,
      note: 'Device 1 reads the same pages through its own mirror. ret 0, cpages 4, faults 1.',
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror1',
      pid: 1,
      addr: at(0),
      npages: N,
      note:
        'migrate_vma_setup() moves the pages into device 1’s coherent memory, read-only as ' +
        'they were. The MMU_NOTIFY_MIGRATE invalidation carries device 1 as owner: device 0 ' +
        'drops its entries, device 1 keeps its own. ret 0, cpages 4.',
    },
    {
      op: 'dmirror_read',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      id: 'double-map',
      note:
        'Device 0 reads again: hmm_range_fault() finds present read-only PTEs to device 1’s ' +
        'memory and returns their pfns (no owner filter for a present page, nothing migrates). ' +
        'ret 0, cpages 4, faults 1, data 0, 1, 2, 3.',
    },
  ],
});
