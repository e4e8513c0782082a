import { defineBuiltin } from './define';
import { exclusiveSetup } from './steps';
import { at, iota } from './layout';

const N = 4;
const plus1 = iota(N, (i) => i + 1);

/** hmm-tests.c TEST_F(hmm, exclusive_cow) (v5.14+), 4 pages. */
export const selftestExclusiveCow = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-exclusive-cow',
  title: 'Selftest exclusive_cow: fork while a device holds pages exclusively',
  summary:
    'Port of hmm-tests.c exclusive_cow, scaled to 4 pages. fork() finds device-exclusive ' +
    'entries in the parent: copy_nonpresent_pte() restores each (try_restore_exclusive_pte) ' +
    'and copies it as a present page, write-protected in both for COW. Parent and child then ' +
    'each do ptr[i]++ and see i + 1 in their own copy. v4.14 has no device-exclusive entries ' +
    '(-ENOTTY) and only the COW part remains.',
  era: 'v4.14',
  steps: [
    ...exclusiveSetup(N),
    {
      op: 'dmirror_exclusive',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      id: 'exclusive',
      note: 'make_device_exclusive_range(): four device-exclusive entries. ret 0, cpages 4.',
    },
    {
      op: 'fork',
      pid: 1,
      child: 2,
      id: 'fork',
      note:
        'copy_nonpresent_pte(): each device-exclusive entry is restored in the parent ' +
        '(try_restore_exclusive_pte), then -ENOENT makes copy_pte_range() copy it as a present ' +
        'page: read-only in both, mapcount 2.',
    },
    { op: 'read', pid: 1, addr: at(0), npages: N, note: 'The parent reads ptr[i] == i.' },
    {
      op: 'write',
      pid: 1,
      addr: at(0),
      npages: N,
      values: plus1,
      note: 'The parent’s ptr[i]++: do_wp_page() copies each shared page (COW).',
    },
    { op: 'read', pid: 1, addr: at(0), npages: N, note: 'The parent reads ptr[i] == i + 1.' },
    { op: 'read', pid: 2, addr: at(0), npages: N, note: 'The child still reads ptr[i] == i.' },
    {
      op: 'write',
      pid: 2,
      addr: at(0),
      npages: N,
      values: plus1,
      note: 'The child’s ptr[i]++: it is now the only mapper, so do_wp_page() reuses each page.',
    },
    { op: 'read', pid: 2, addr: at(0), npages: N, note: 'The child reads ptr[i] == i + 1.' },
    { op: 'exit', pid: 2, note: 'The child exits 0; the parent’s waitpid sees it.' },
  ],
});
