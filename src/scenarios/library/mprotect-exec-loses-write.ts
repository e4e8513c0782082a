import { defineBuiltin } from './define';
import { mapBuffer, migrateBuffer } from './steps';
import { at } from './layout';

/**
 * mprotect() that only adds PROT_EXEC still changes the VMA's flags, so change_pte_range() runs and
 * downgrades every device-private write entry (mm/mprotect.c v4.14, make_device_private_entry_read).
 */
export const mprotectExecLosesWrite = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'mprotect-exec-loses-write',
  title: 'mprotect() adds PROT_EXEC and still loses device-private write',
  summary:
    'mprotect(PROT_READ | PROT_WRITE | PROT_EXEC) on a read-write VMA only adds a permission, but ' +
    'VM_EXEC makes newflags differ from oldflags, so mprotect_fixup() calls change_protection(). ' +
    'change_pte_range() cannot check the new protection of a non-present entry and makes every ' +
    'writable device-private entry read-only: the device mirror is dropped and the page comes home ' +
    'read-only, costing an extra write fault.',
  era: 'v4.14',
  steps: [
    {
      op: 'device_add',
      device: 'dmirror0',
      type: 'private',
      note: 'hmm_devmem_add() hotplugs 256 MiB of DEVICE_PRIVATE memory.',
    },
    { op: 'spawn', pid: 1, note: 'A process with an empty mm (execve).' },
    mapBuffer(1, 'A one-page private anonymous VMA with VM_READ | VM_WRITE.'),
    {
      op: 'write',
      pid: 1,
      addr: at(0),
      npages: 1,
      values: [7],
      note: 'do_anonymous_page() allocates a writable RAM page holding 7.',
    },
    migrateBuffer(1, 'migrate_vma() moves it to the device: a writable device-private entry.'),
    {
      op: 'mprotect',
      pid: 1,
      addr: at(0),
      npages: 1,
      prot: 'rwx',
      id: 'add-exec',
      note:
        'mprotect(PROT_READ | PROT_WRITE | PROT_EXEC): only VM_EXEC is new, yet the flags ' +
        'changed, so change_protection() runs: the mmu notifier drops the device’s entry and ' +
        'change_pte_range() turns the device-private write entry into a read entry.',
    },
    {
      op: 'dmirror_snapshot',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: 1,
      note: 'DEV_PRIVATE_LOCAL | READ (0x21): on the device, read-only, in an rwx VMA.',
    },
    {
      op: 'write',
      pid: 1,
      addr: at(0),
      npages: 1,
      values: [8],
      note:
        'The store faults: do_swap_page() → dmirror_devmem_fault() brings the page home mapped ' +
        'read-only, and the retried store takes a second fault, do_wp_page() → wp_page_reuse().',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: 1,
      note: 'The page reads 8, in RAM, writable again.',
    },
  ],
});
