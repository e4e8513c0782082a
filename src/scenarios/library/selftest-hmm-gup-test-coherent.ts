import { defineBuiltin } from './define';
import type { BuiltinDocument } from './define';
import { at, iota } from './layout';

const N = 4;
type Step = BuiltinDocument['steps'][number];

const TESTS = [
  ['GUP_BASIC_TEST', false],
  ['GUP_FAST_BENCHMARK', false],
  ['PIN_FAST_BENCHMARK with FOLL_LONGTERM', true],
  ['PIN_LONGTERM_BENCHMARK', true],
] as const;

/** One gup_test_exec(): get_user_pages / pin_user_pages(FOLL_WRITE | flags) on page i, then put. */
function gupTest(i: number): Step[] {
  const [name, longterm] = TESTS[i] ?? TESTS[0];
  return [
    {
      op: 'gup',
      pid: 1,
      addr: at(i),
      npages: 1,
      flags: longterm ? ['write', 'longterm'] : ['write'],
      note: longterm
        ? `${name} on page ${i}: FOLL_LONGTERM. A coherent folio is not longterm-pinnable, but ` +
          'v6.12.19’s check_and_migrate_movable_pages_or_folios returns 0 when no other folio ' +
          'needs moving: the pin stays on device memory.'
        : `${name} on page ${i}: the CPU-addressable device page is pinned where it is.`,
    },
    {
      op: 'unpin',
      pid: 1,
      addr: at(i),
      npages: 1,
      note: 'gup_test puts the page again.',
    },
  ];
}

/** hmm-tests.c TEST_F(hmm, hmm_gup_test), fixture variant hmm_device_coherent, 4 pages. */
export const selftestHmmGupTestCoherent = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-hmm-gup-test-coherent',
  title: 'Selftest hmm_gup_test (coherent): get_user_pages() on DEVICE_COHERENT pages',
  summary:
    'Port of hmm-tests.c hmm_gup_test under the hmm_device_coherent fixture variant (v6.0+), 4 ' +
    'pages. The pages move to coherent device memory, mapped by ordinary present PTEs. Plain GUP ' +
    'pins them in place (the selftest expects DEV_COHERENT_LOCAL | WRITE for pages 0 and 1). For ' +
    'the FOLL_LONGTERM pins the selftest expects a migration to RAM (WRITE, 0x02), but v6.12.19’s ' +
    'mm/gup.c skips coherent folios when it collects what to move and returns 0 on an empty list: ' +
    'the snapshot shows pages 2 and 3 still in device memory. v4.14 has no DEVICE_COHERENT ' +
    '(-ENOTTY), so nothing after the probe reaches a device.',
  era: 'v4.14',
  steps: [
    {
      op: 'device_add',
      device: 'dmirror0',
      type: 'coherent',
      note: 'The test driver probes device 2, a coherent one: memremap_pages(MEMORY_DEVICE_COHERENT).',
    },
    { op: 'spawn', pid: 1, note: 'The test process (execve).' },
    {
      op: 'mmap',
      pid: 1,
      addr: at(0),
      npages: N,
      prot: 'rw',
      flags: ['private', 'anonymous'],
      note: 'Four private anonymous pages, read-write.',
    },
    {
      op: 'write',
      pid: 1,
      addr: at(0),
      npages: N,
      values: iota(N),
      note: 'ptr[i] = i in system memory.',
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      note:
        'migrate_vma_setup(SELECT_SYSTEM), then migrate_vma_pages: each page now lives in ' +
        'coherent device memory behind a writable present PTE. ret 0, cpages 4.',
    },
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
        'dmirror_mkentry(): DEV_COHERENT_LOCAL | WRITE (0x42) for every page in v6.12.19 — the ' +
        'selftest asserts 0x42 for pages 0–1 and WRITE (0x02) for the longterm-pinned pages 2–3.',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: N,
      note: 'The data is intact: 0 1 2 3, read straight from device memory.',
    },
  ],
});
