import { defineBuiltin } from './define';
import { mapBuffer } from './steps';
import { at } from './layout';

/**
 * mprotect_fixup() returns at once when the flags do not change; when they do, change_pte_range()
 * drops the write bit of device-private entries whatever the new protection
 * (mm/mprotect.c v4.14: `if (newflags == oldflags)`, make_device_private_entry_read()).
 */
export const mprotectDevicePrivate = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'mprotect-device-private',
  title: 'mprotect() downgrades DEVICE_PRIVATE entries whenever the flags change',
  summary:
    'mprotect() to the protection a VMA already has is a no-op in v4.14: mprotect_fixup() returns ' +
    '0 when newflags == oldflags, so no PTE is rewritten and the device keeps its mirror. When ' +
    'the flags do change, change_pte_range() cannot check the new protection of a non-present ' +
    'entry and makes every writable device-private entry read-only. So mprotect(PROT_READ) then ' +
    'mprotect(PROT_READ | PROT_WRITE) leaves the pages on the device read-only: they come back ' +
    'read-only and the next store takes a write-protect fault.',
  era: 'v4.14',
  steps: [
    {
      op: 'device_add',
      device: 'dmirror0',
      type: 'private',
      note: 'hmm_devmem_add() hotplugs 256 MiB of DEVICE_PRIVATE memory.',
    },
    { op: 'spawn', pid: 1, note: 'A process with an empty mm (execve).' },
    mapBuffer(2, 'A two-page private anonymous VMA with VM_READ | VM_WRITE.'),
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
      id: 'same-prot',
      note:
        'mprotect(PROT_READ | PROT_WRITE) on a VMA that already has both: mprotect_fixup() sees ' +
        'newflags == oldflags and returns 0. No PTE is walked, no mmu notifier fires, the device ' +
        'keeps its two entries.',
    },
    {
      op: 'dmirror_snapshot',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: 2,
      note: 'hmm_vma_get_pfns() still reports DEV_PRIVATE_LOCAL | WRITE (0x22): nothing changed.',
    },
    {
      op: 'mprotect',
      pid: 1,
      addr: at(0),
      npages: 2,
      prot: 'r',
      id: 'downgrade',
      note:
        'mprotect(PROT_READ): the flags change, so change_protection() runs. The mmu notifier makes ' +
        'dmirror_sync_cpu_device_pagetables() drop both device entries, and change_pte_range() ' +
        'turns each device-private write entry into a read entry.',
    },
    {
      op: 'mprotect',
      pid: 1,
      addr: at(0),
      npages: 2,
      prot: 'rw',
      note:
        'mprotect(PROT_READ | PROT_WRITE): VM_WRITE returns to the VMA, but change_pte_range() ' +
        'only ever downgrades non-present entries ("regardless of the new protection"): the ' +
        'device-private entries stay read-only.',
    },
    {
      op: 'dmirror_snapshot',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: 2,
      note:
        'hmm_vma_get_pfns() reports DEV_PRIVATE_LOCAL | READ (0x21): the pages are still on the ' +
        'device, read-only, in a VMA that allows writes.',
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
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: 2,
      note:
        'Page 0 reads 5 without a fault. Page 1 faults through do_swap_page() and the driver ' +
        'migrates it back read-only; it reads 2.',
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
