import { defineBuiltin } from './define';
import { at } from './layout';

/** change_pte_range() drops the write bit of device-private entries whatever the new protection. */
export const mprotectDevicePrivate = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'mprotect-device-private',
  title: 'mprotect() downgrades DEVICE_PRIVATE entries, even when adding permissions',
  summary:
    'v4.14’s change_pte_range() cannot check the new protection of a non-present entry, so it ' +
    'makes every writable device-private entry read-only, even for mprotect(PROT_READ | ' +
    'PROT_WRITE) on a region that already had both. The device mirror is invalidated, the pages ' +
    'come back read-only, and the next store takes a write-protect fault.',
  era: 'v4.14',
  steps: [
    {
      op: 'device_add',
      device: 'dmirror0',
      type: 'private',
      note: 'hmm_devmem_add() hotplugs 256 MiB of DEVICE_PRIVATE memory.',
    },
    { op: 'spawn', pid: 1, note: 'A process with an empty mm (execve).' },
    {
      op: 'mmap',
      pid: 1,
      addr: at(0),
      npages: 2,
      prot: 'rw',
      flags: ['private', 'anonymous'],
      note: 'A two-page private anonymous VMA with VM_READ | VM_WRITE.',
    },
    {
      op: 'write',
      pid: 1,
      addr: at(0),
      npages: 2,
      values: [1, 2],
      note: 'do_anonymous_page() allocates two writable RAM pages holding 1 and 2.',
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: 2,
      note:
        'migrate_vma() moves both pages to the device: two writable device-private entries, and ' +
        'two writable entries in the device’s own page table (xa_store).',
    },
    {
      op: 'mprotect',
      pid: 1,
      addr: at(0),
      npages: 2,
      prot: 'rw',
      id: 'downgrade',
      note:
        'mprotect(PROT_READ | PROT_WRITE): nothing changes for the VMA, but ' +
        'mprotect_fixup() → change_protection() still walks the PTEs. The mmu notifier makes ' +
        'dmirror_sync_cpu_device_pagetables() drop both device entries, and change_pte_range() ' +
        'turns each device-private write entry into a read entry, "regardless of the new ' +
        'protection".',
    },
    {
      op: 'dmirror_snapshot',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: 2,
      note:
        'hmm_vma_get_pfns() now reports DEV_PRIVATE_LOCAL | READ (0x21): the pages are still on ' +
        'the device, read-only.',
    },
    {
      op: 'write',
      pid: 1,
      addr: at(0),
      npages: 1,
      values: [5],
      note:
        'A store to page 0: do_swap_page() → dmirror_devmem_fault() → migrate_vma() brings it ' +
        'home through a READ migration entry, so the RAM page is mapped read-only; the retried ' +
        'store faults into do_wp_page(), which reuses the page writable (wp_page_reuse()).',
    },
    {
      op: 'mprotect',
      pid: 1,
      addr: at(0),
      npages: 2,
      prot: 'r',
      note:
        'mprotect(PROT_READ): change_pte_range() write-protects the present page 0; page 1’s ' +
        'device-private entry is already read-only.',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: 2,
      note:
        'Page 0 reads 5 without a fault. Page 1 faults through do_swap_page() and the driver ' +
        'migrates it back read-only; it reads 2.',
    },
    {
      op: 'mprotect',
      pid: 1,
      addr: at(0),
      npages: 2,
      prot: 'rw',
      note:
        'Write permission returns to the VMA (VM_WRITE), but change_pte_range() does not make ' +
        'private anonymous PTEs writable: the next store decides.',
    },
    {
      op: 'write',
      pid: 1,
      addr: at(1),
      npages: 1,
      values: [6],
      note:
        'A store to page 1 takes one write-protect fault: do_wp_page() → wp_page_reuse(). No ' +
        'device fault: the page already lives in RAM.',
    },
  ],
});
