import { defineBuiltin } from './define';
import { mapBuffer, migrateBuffer } from './steps';
import { at } from './layout';

/** The driver's fault callback fails: VM_FAULT_SIGBUS kills the faulting process. */
export const deviceErrorSigbus = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'device-error-sigbus',
  title: 'A device error while faulting a page home: SIGBUS',
  summary:
    'Two processes keep data in device memory. The device breaks: its fault callback can no ' +
    'longer copy pages back and returns VM_FAULT_SIGBUS, which do_sigbus() turns into a fatal ' +
    'signal for the process that touched its page. v4.14 has no helper to poison the entry ' +
    '(MIGRATE_PFN_ERROR is documented, but no core code reads it). Once the device recovers, the other ' +
    'process gets its data back.',
  era: 'v4.14',
  steps: [
    {
      op: 'device_add',
      device: 'dmirror0',
      type: 'private',
      note: 'hmm_devmem_add() hotplugs 256 MiB of DEVICE_PRIVATE memory.',
    },
    { op: 'spawn', pid: 1, note: 'The first process (execve).' },
    { op: 'spawn', pid: 2, note: 'A second, unrelated process.' },
    mapBuffer(2, 'A two-page private anonymous VMA in pid 1.'),
    {
      op: 'mmap',
      pid: 2,
      addr: at(0),
      npages: 1,
      prot: 'rw',
      flags: ['private', 'anonymous'],
      note: 'A one-page VMA at the same address in pid 2 (a different mm).',
    },
    {
      op: 'write',
      pid: 1,
      addr: at(0),
      npages: 2,
      values: [1, 2],
      note: 'do_anonymous_page(): pid 1’s pages hold 1 and 2.',
    },
    {
      op: 'write',
      pid: 2,
      addr: at(0),
      npages: 1,
      values: [20],
      note: 'do_anonymous_page(): pid 2’s page holds 20.',
    },
    migrateBuffer(2, 'migrate_vma() moves pid 1’s pages to the device.'),
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror0',
      pid: 2,
      addr: at(0),
      npages: 1,
      note: 'migrate_vma() moves pid 2’s page to the device too.',
    },
    {
      op: 'inject',
      device: 'dmirror0',
      fault: 'device-error',
      note: 'From now on the device cannot copy data back (a DMA engine error, a hung device).',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: 2,
      id: 'sigbus',
      note:
        'do_swap_page() → device_private_entry_fault() → hmm_devmem_fault() → ' +
        'dmirror_devmem_fault() returns VM_FAULT_SIGBUS without migrating. The arch fault ' +
        'handler calls do_sigbus(): pid 1 dies, and its exit_mmap() → zap_pte_range() releases ' +
        'both device pages (hmm_devmem_free()). No value was read.',
    },
    {
      op: 'inject',
      device: 'dmirror0',
      fault: 'none',
      note: 'The device recovers: its fault callback works again.',
    },
    {
      op: 'read',
      pid: 2,
      addr: at(0),
      npages: 1,
      note:
        'pid 2 was never affected: its load faults, the driver migrates the page home and it ' +
        'reads 20.',
    },
  ],
});
