import { defineBuiltin } from './define';
import { probeTwoDevices, testProcess } from './steps';
import { at } from './layout';

/** hmm-tests.c TEST_F(hmm2, snapshot): 7 pages, two devices. */
export const selftestSnapshot = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-snapshot',
  title: 'Selftest snapshot: what the device sees of seven different PTEs',
  summary:
    'Port of hmm-tests.c snapshot (7 pages, as in the selftest). Device 0 snapshots a range ' +
    'holding a PROT_NONE page, a hole, a zero page, read-only and read-write pages and one page ' +
    'on each device. v4.14 differs in two bytes: page 0 (pte_none in a PROT_NONE VMA) is NONE ' +
    'where later kernels say ERROR, and page 6 (device 1’s page) is DEV_PRIVATE_REMOTE | WRITE ' +
    '(0x32) where later kernels, filtering by owner, say NONE.',
  era: 'v4.14',
  steps: [
    ...probeTwoDevices(),
    testProcess(),
    {
      op: 'mmap',
      pid: 1,
      addr: at(0),
      npages: 7,
      prot: 'none',
      flags: ['private', 'anonymous'],
      note: 'mmap(PROT_NONE): seven pages reserved.',
    },
    {
      op: 'munmap',
      pid: 1,
      addr: at(1),
      npages: 1,
      note: 'Punch a hole at page 1 (do_munmap()).',
    },
    {
      op: 'mprotect',
      pid: 1,
      addr: at(2),
      npages: 1,
      prot: 'r',
      note: 'Page 2 becomes PROT_READ.',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(2),
      npages: 1,
      note: 'Reading page 2 maps the zero page (do_anonymous_page()): 0.',
    },
    {
      op: 'mprotect',
      pid: 1,
      addr: at(3),
      npages: 1,
      prot: 'rw',
      note: 'Page 3 becomes read-write for a moment.',
    },
    {
      op: 'write',
      pid: 1,
      addr: at(3),
      npages: 1,
      values: [3],
      note: 'do_anonymous_page() allocates page 3; it holds 3.',
    },
    {
      op: 'mprotect',
      pid: 1,
      addr: at(3),
      npages: 1,
      prot: 'r',
      note: 'Page 3 becomes read-only.',
    },
    {
      op: 'mprotect',
      pid: 1,
      addr: at(4),
      npages: 3,
      prot: 'rw',
      note: 'Pages 4-6 become read-write.',
    },
    {
      op: 'write',
      pid: 1,
      addr: at(4),
      npages: 1,
      values: [4],
      note: 'Page 4 is written: a present writable page holding 4.',
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror0',
      pid: 1,
      addr: at(5),
      npages: 1,
      note:
        'Page 5 (untouched) migrates to device 0: migrate_vma_insert_page() maps a zero-filled ' +
        'device page, writable because the VMA has VM_WRITE. ret 0, cpages 1.',
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror1',
      pid: 1,
      addr: at(6),
      npages: 1,
      note: 'Page 6 migrates to device 1 the same way. ret 0, cpages 1.',
    },
    {
      op: 'dmirror_snapshot',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: 7,
      id: 'snapshot',
      note:
        'hmm_vma_get_pfns() for device 0, page by page: 0 pte_none in a PROT_NONE VMA → NONE ' +
        '(0x00; later kernels: ERROR); 1 no VMA → ERROR (0xff); 2 zero page → ZERO | READ ' +
        '(0x11); 3 → READ (0x01); 4 → WRITE (0x02); 5 its own page → DEV_PRIVATE_LOCAL | WRITE ' +
        '(0x22); 6 device 1’s page → DEV_PRIVATE_REMOTE | WRITE (0x32): v4.14 reports ' +
        'HMM_PFN_DEVICE_UNADDRESSABLE for every device-private entry, where later kernels show ' +
        'NONE for another owner’s page.',
    },
  ],
});
