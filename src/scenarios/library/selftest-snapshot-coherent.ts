import { defineBuiltin } from './define';
import { probeTwoCoherentDevices, testProcess } from './steps';
import { at } from './layout';

/** hmm-tests.c TEST_F(hmm2, snapshot), fixture variant hmm2_device_coherent: 7 pages. */
export const selftestSnapshotCoherent = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-snapshot-coherent',
  title: 'Selftest snapshot (coherent): what the device sees of seven different PTEs',
  summary:
    'Port of hmm-tests.c snapshot under the hmm2_device_coherent fixture variant (7 pages, two ' +
    'coherent devices). Device 0 snapshots a PROT_NONE page, a hole, a zero page, read-only and ' +
    'read-write pages and one page on each device. The selftest’s coherent branch: page 5 is ' +
    'DEV_COHERENT_LOCAL | WRITE (0x42) and page 6, device 1’s page, DEV_COHERENT_REMOTE | WRITE ' +
    '(0x52) — a coherent page is a present PTE, which hmm_range_fault() reports to any device ' +
    '(a device-private page of another owner reads NONE). v4.14 has no DEVICE_COHERENT.',
  era: 'v4.14',
  steps: [
    ...probeTwoCoherentDevices(),
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
      note: 'Punch a hole at page 1.',
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
        'Page 5 (untouched) migrates to device 0: the hole is collected and ' +
        'migrate_vma_insert_page() maps a zero-filled coherent page behind a writable present ' +
        'PTE. ret 0, cpages 1.',
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
        'hmm_range_fault() without faults, for device 0: 0 PROT_NONE → ERROR (0xff); 1 no VMA → ' +
        'ERROR (0xff); 2 zero page → ZERO | READ (0x11); 3 → READ (0x01); 4 → WRITE (0x02); 5 ' +
        'its own coherent page → DEV_COHERENT_LOCAL | WRITE (0x42); 6 device 1’s coherent page ' +
        '→ DEV_COHERENT_REMOTE | WRITE (0x52), as the selftest asserts.',
    },
  ],
});
