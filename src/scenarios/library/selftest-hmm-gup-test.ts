import { defineBuiltin } from './define';
import { setupAndMigrate } from './steps';
import type { BuiltinDocument } from './define';
import { at } from './layout';

const N = 4;
type Step = BuiltinDocument['steps'][number];

const TESTS = [
  ['GUP_BASIC_TEST', false],
  ['GUP_FAST_BENCHMARK', false],
  ['PIN_FAST_BENCHMARK with FOLL_LONGTERM', true],
  ['PIN_LONGTERM_BENCHMARK', true],
] as const;

const LONGTERM = ' | FOLL_LONGTERM, which v4.14 does not have: a plain GUP';

/** One gup_test_exec(): get_user_pages(FOLL_WRITE | flags) on page i, then put the pages. */
function gupTest(i: number): Step[] {
  const [name, longterm] = TESTS[i] ?? TESTS[0];
  return [
    {
      op: 'gup',
      pid: 1,
      addr: at(i),
      npages: 1,
      flags: longterm ? ['write', 'longterm'] : ['write'],
      note:
        `${name} on page ${i} (FOLL_WRITE${longterm ? LONGTERM : ''}): the device-private ` +
        'entry makes faultin_page() → do_swap_page() → dmirror_devmem_fault() migrate the page ' +
        'home read-only, and the write then faults again: do_wp_page() reuses it writable. ' +
        'follow_page_pte() takes a reference on the RAM page. ret 0.',
    },
    {
      op: 'unpin',
      pid: 1,
      addr: at(i),
      npages: 1,
      note: `The gup_test ioctl puts the page before returning (put_page()).`,
    },
  ];
}

/** hmm-tests.c TEST_F(hmm, hmm_gup_test), 4 pages as in the selftest. */
export const selftestHmmGupTest = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-hmm-gup-test',
  title: 'Selftest hmm_gup_test: get_user_pages() on device-private pages',
  summary:
    'Port of hmm-tests.c hmm_gup_test (4 pages, as in the selftest). Four kinds of GUP on four ' +
    'migrated pages each fault the page home, because device-private memory can never be ' +
    'pinned; the snapshot then shows four writable system pages (WRITE, 0x02) and the data is ' +
    'intact, as in later kernels’ private variant. v4.14 has no FOLL_LONGTERM and needs two ' +
    'CPU faults per page (read-only migrate-back, then do_wp_page()).',
  era: 'v4.14',
  steps: [
    ...setupAndMigrate(N),
    ...gupTest(0),
    ...gupTest(1),
    ...gupTest(2),
    ...gupTest(3),
    {
      op: 'dmirror_snapshot',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      id: 'snapshot',
      note:
        'hmm_vma_get_pfns(): four present writable system pages, WRITE (0x02) each, as the ' +
        'selftest expects for device-private memory.',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: N,
      note: 'The CPU data is intact: 0, 1, 2, 3, no fault.',
    },
  ],
});
