import { defineBuiltin } from './define';
import { PARENT_PROCESS, migrateBuffer, selftestSetup } from './steps';
import { at, iota } from './layout';

const N = 4;

/** hmm-tests.c TEST_F(hmm, hmm_cow_in_device), fixture variant hmm_device_coherent, 4 pages. */
export const selftestHmmCowInDeviceCoherent = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-hmm-cow-in-device-coherent',
  title:
    'Selftest hmm_cow_in_device (coherent): the parent writes while a child shares device pages',
  summary:
    'Port of hmm-tests.c hmm_cow_in_device under the hmm_device_coherent fixture variant (4 ' +
    'pages, as in the selftest). The pages are in coherent device memory when the test forks: ' +
    'fork shares them write-protected like any anonymous page, and the parent’s write copies ' +
    'each into a new system page (wp_page_copy) without migrating anything. When the child is ' +
    'killed the device pages go back to the driver; the snapshot shows four writable system ' +
    'pages (0x02), as the selftest asserts. v4.14 has no DEVICE_COHERENT (-ENOTTY).',
  era: 'v4.14',
  steps: [
    ...selftestSetup(N, { process: PARENT_PROCESS }, 'coherent'),
    migrateBuffer(
      N,
      'migrate_vma_setup(SELECT_SYSTEM) moves the four pages into coherent device memory behind ' +
        'writable present PTEs. ret 0, cpages 4.',
    ),
    {
      op: 'fork',
      pid: 1,
      child: 2,
      note:
        'copy_present_pte(): a coherent page is an ordinary anonymous page to fork — both PTEs ' +
        'are write-protected and the page gains a reference and a mapcount. The child only spins.',
    },
    {
      op: 'write',
      pid: 1,
      addr: at(0),
      npages: N,
      values: iota(N),
      id: 'cow',
      note:
        'The parent writes: do_wp_page() finds each page shared and wp_page_copy() gives the ' +
        'parent a new system page. Nothing migrates (the private variant must fault the page ' +
        'home first).',
    },
    {
      op: 'exit',
      pid: 2,
      note:
        'The test kills the child (SIGTERM, waitpid): zap_pte_range() drops the last mapping of ' +
        'each device page, which goes back to the driver (free_zone_device_folio → page_free).',
    },
    {
      op: 'dmirror_snapshot',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      id: 'snapshot',
      note:
        'hmm_range_fault(): four present writable system pages, WRITE (0x02) each, as the ' +
        'selftest asserts.',
    },
  ],
});
