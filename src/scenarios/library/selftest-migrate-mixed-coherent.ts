import { defineBuiltin } from './define';
import { probeTwoCoherentDevices, testProcess } from './steps';
import { at } from './layout';

/** hmm-tests.c TEST_F(hmm2, migrate_mixed), fixture variant hmm2_device_coherent: 6 pages. */
export const selftestMigrateMixedCoherent = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-migrate-mixed-coherent',
  title: 'Selftest migrate_mixed (coherent): holes, PROT_NONE and another device’s pages',
  summary:
    'Port of hmm-tests.c migrate_mixed under the hmm2_device_coherent fixture variant (6 pages, ' +
    'as in the selftest, two coherent devices). Migration fails with -EINVAL over a PROT_NONE ' +
    'VMA or a hole, moves a zero page, a read-only page and two read-write pages into device ' +
    '1’s coherent memory (cpages 4), and device 0 cannot take device 1’s page: a coherent page ' +
    'is collected only with SELECT_DEVICE_COHERENT and the owner’s pgmap (-ENOENT). v4.14 has ' +
    'no DEVICE_COHERENT (-ENOTTY).',
  era: 'v4.14',
  steps: [
    ...probeTwoCoherentDevices(),
    testProcess(),
    {
      op: 'mmap',
      pid: 1,
      addr: at(0),
      npages: 6,
      prot: 'none',
      flags: ['private', 'anonymous'],
      note: 'mmap(PROT_NONE): six pages reserved, no access.',
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror1',
      pid: 1,
      addr: at(0),
      npages: 6,
      note:
        'Device 1 migrates all six: dmirror_migrate_to_device() finds no VM_READ in the VMA ' +
        '(vma_lookup) and fails before migrate_vma_setup(): ret -EINVAL.',
    },
    {
      op: 'munmap',
      pid: 1,
      addr: at(1),
      npages: 1,
      note: 'munmap() page 1: the VMA splits around a hole.',
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror1',
      pid: 1,
      addr: at(0),
      npages: 3,
      note: 'Pages 0-2: page 0 is still PROT_NONE, so the driver fails with -EINVAL.',
    },
    {
      op: 'mprotect',
      pid: 1,
      addr: at(2),
      npages: 1,
      prot: 'r',
      note: 'Page 2 becomes PROT_READ (mprotect_fixup() splits the VMA).',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(2),
      npages: 1,
      note: 'val = *ptr + 3: do_anonymous_page() maps the zero page; it reads 0, so val = 3.',
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
      note: '*ptr = val: do_anonymous_page() allocates page 3 and stores 3.',
    },
    {
      op: 'mprotect',
      pid: 1,
      addr: at(3),
      npages: 1,
      prot: 'r',
      note: 'Page 3 becomes read-only: change_pte_range() write-protects its PTE.',
    },
    {
      op: 'mprotect',
      pid: 1,
      addr: at(4),
      npages: 2,
      prot: 'rw',
      note: 'Pages 4-5 become read-write.',
    },
    {
      op: 'write',
      pid: 1,
      addr: at(4),
      npages: 2,
      values: [3, 3],
      note: 'do_anonymous_page() allocates pages 4 and 5; both hold 3.',
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror1',
      pid: 1,
      addr: at(2),
      npages: 4,
      id: 'mixed',
      note:
        'Device 1 migrates pages 2-5, one migrate_vma_setup() per VMA. The zero page is collected ' +
        'as MIGRATE without a pfn (is_zero_pfn with SELECT_SYSTEM) and migrate_vma_insert_page() ' +
        'maps a zero-filled coherent page, read-only (no VM_WRITE); page 3 stays read-only, ' +
        'pages 4-5 writable — all behind present PTEs to device 1’s memory. ret 0, cpages 4.',
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror0',
      pid: 1,
      addr: at(5),
      npages: 1,
      id: 'enoent',
      note:
        'Device 0 tries page 5, now device 1’s coherent page. migrate_vma_collect_pmd() skips a ' +
        'device-coherent page unless the flags hold SELECT_DEVICE_COHERENT and its pgmap owner ' +
        'is the caller’s; dmirror_migrate_to_device() asks for SELECT_SYSTEM only. Nothing moves ' +
        'and device 0’s read-back finds nothing: ret -ENOENT.',
    },
    {
      op: 'dmirror_snapshot',
      device: 'dmirror0',
      pid: 1,
      addr: at(2),
      npages: 4,
      note:
        'Not in the selftest: device 0’s view of pages 2-5. A coherent page is a present PTE, so ' +
        'hmm_range_fault() reports it to any device; dmirror_mkentry() marks another device’s ' +
        'page DEV_COHERENT_REMOTE: pages 2-3 READ (0x51), pages 4-5 WRITE (0x52).',
    },
  ],
});
