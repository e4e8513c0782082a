import { defineBuiltin } from './define';
import { probeTwoDevices, testProcess } from './steps';
import { at } from './layout';

/** hmm-tests.c TEST_F(hmm2, migrate_mixed): 6 pages of mixed protections, two devices. */
export const selftestMigrateMixed = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-migrate-mixed',
  title: 'Selftest migrate_mixed: holes, PROT_NONE and another device’s pages',
  summary:
    'Port of hmm-tests.c migrate_mixed (6 pages, as in the selftest). Migration fails with ' +
    '-EINVAL over a PROT_NONE VMA or a hole, moves a zero page, a read-only page and two ' +
    'read-write pages to device 1 (cpages 4), and device 0 cannot take device 1’s page ' +
    '(-ENOENT). v4.14 has no owner filter: device 0’s attempt collects device 1’s page anyway ' +
    'and, restoring it, loses its write bit, which the last (extra) snapshot shows.',
  era: 'v4.14',
  steps: [
    ...probeTwoDevices(),
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
        'Device 1 migrates all six: the driver’s VMA check finds no VM_READ and fails before ' +
        'migrate_vma(): ret -EINVAL.',
    },
    {
      op: 'munmap',
      pid: 1,
      addr: at(1),
      npages: 1,
      note: 'munmap() page 1: do_munmap() splits the VMA and leaves a hole.',
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
        'Device 1 migrates pages 2-5, one migrate_vma() per VMA. The zero page of page 2 is ' +
        'collected as MIGRATE without a pfn and migrate_vma_insert_page() maps a zero-filled ' +
        'device page read-only (the VMA has no VM_WRITE); page 3 moves through a read migration ' +
        'entry and stays read-only; pages 4-5 stay writable. ret 0, cpages 4.',
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror0',
      pid: 1,
      addr: at(5),
      npages: 1,
      id: 'enoent',
      note:
        'Device 0 tries page 5. v4.14 collects device 1’s private entry (no owner concept) as a ' +
        'READ migration entry (pte_write() of a swap PTE); device 0’s alloc_and_copy() skips a ' +
        'page that is already device memory, and migrate_vma_finalize() restores the entry — ' +
        'read-only now. Device 0’s read-back finds nothing: ret -ENOENT, as the selftest ' +
        'expects. The mmu notifier also cleared device 1’s entry for the page.',
    },
    {
      op: 'dmirror_snapshot',
      device: 'dmirror0',
      pid: 1,
      addr: at(2),
      npages: 4,
      note:
        'Not in the selftest: device 0’s view of pages 2-5. All four are device 1’s pages, ' +
        'DEV_PRIVATE_REMOTE (v4.14 reports every device-private entry to every device; later ' +
        'kernels report 0x00). Pages 2, 3 and 5 are READ (0x31), page 4 WRITE (0x32): page 5 ' +
        'lost its write bit in device 0’s failed attempt.',
    },
  ],
});
