import { defineBuiltin } from './define';
import { mapBuffer } from './steps';
import { at } from './layout';

/** v4.14 maps a page migrated back from device memory read-only: a store faults twice. */
export const readonlyMigrateBack = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'readonly-migrate-back',
  title: 'A CPU store to device memory costs two faults in v4.14',
  summary:
    'The page lives in a writable DEVICE_PRIVATE entry. A CPU store faults it back, but ' +
    'migrate_vma_collect() builds the migration entry from pte_write() of a swap PTE, which is ' +
    '0 on x86, so remove_migration_pte() maps the RAM page read-only and the retried store ' +
    'faults again into do_wp_page(). Later kernels keep the write bit (MIGRATE_PFN_WRITE).',
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
      values: [1],
      note: 'do_anonymous_page() allocates the page writable; it holds 1.',
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: 1,
      note:
        'migrate_vma() moves it to the device. The migration entry was WRITE (a present ' +
        'writable PTE), so remove_migration_pte() installs a writable device-private entry ' +
        '(SWP_DEVICE_WRITE).',
    },
    {
      op: 'write',
      pid: 1,
      addr: at(0),
      npages: 1,
      values: [2],
      id: 'double-fault',
      note:
        'Fault 1: do_swap_page() → device_private_entry_fault() → dmirror_devmem_fault() → ' +
        'migrate_vma(). migrate_vma_collect_pmd() records MIGRATE_PFN_WRITE in src but makes the ' +
        'migration entry with pte_write() of the swap PTE: READ. remove_migration_pte() therefore ' +
        'maps the new RAM page read-only and the store is retried. Fault 2: do_wp_page() finds ' +
        'a single anonymous mapping, reuse_swap_page() agrees, wp_page_reuse() makes it writable ' +
        'in place. One store, two faults. Ralph Campbell’s "mm/migrate: properly preserve write ' +
        'attribute in special migrate entry" made the collect path use mpfn & ' +
        'MIGRATE_PFN_WRITE; Alistair Popple’s fix (~v5.15) did the same for ' +
        'try_to_migrate_one().',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: 1,
      note: 'The page is now a writable present PTE in RAM: the load reads 2 without a fault.',
    },
    {
      op: 'dmirror_snapshot',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: 1,
      note:
        'hmm_vma_get_pfns() sees a present writable system page: WRITE (0x02). counters show one ' +
        'call of the device fault callback (device_faults) for the two CPU faults.',
    },
  ],
});
