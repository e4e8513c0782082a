import { defineBuiltin } from './define';
import { mapBuffer, migrateBuffer } from './steps';
import { at } from './layout';

/** get_user_pages() never pins device-private memory: it faults the page home and pins that. */
export const gupPinsDevicePage = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'gup-pins-device-page',
  title: 'get_user_pages() faults a device page home, and the pin blocks migration',
  summary:
    'follow_page_pte() cannot return a device-private page, so get_user_pages() calls ' +
    'faultin_page(), the driver migrates the page back to RAM, and the RAM page is pinned. While ' +
    'the pin is held, migrate_vma_check_page() sees an extra reference and refuses to move the ' +
    'page back to the device; after the pin is dropped the migration succeeds.',
  era: 'v4.14',
  steps: [
    {
      op: 'device_add',
      device: 'dmirror0',
      type: 'private',
      note: 'hmm_devmem_add() hotplugs 256 MiB of DEVICE_PRIVATE memory.',
    },
    { op: 'spawn', pid: 1, note: 'A process with an empty mm (execve).' },
    mapBuffer(2, 'A two-page private anonymous VMA.'),
    {
      op: 'write',
      pid: 1,
      addr: at(0),
      npages: 2,
      values: [7, 8],
      note: 'do_anonymous_page() allocates two RAM pages holding 7 and 8.',
    },
    migrateBuffer(2, 'migrate_vma() moves both pages to the device.'),
    {
      op: 'gup',
      pid: 1,
      addr: at(0),
      npages: 1,
      flags: [],
      id: 'pin',
      note:
        'get_user_pages() on page 0: the PTE is not present, so faultin_page() → ' +
        'handle_mm_fault() → do_swap_page() → dmirror_devmem_fault() migrates it to RAM (mapped ' +
        'read-only, as every v4.14 migrate-back). follow_page_pte() then finds the present page ' +
        'and FOLL_GET takes a reference: the RAM page has refcount 2 (mapping + pin). A ' +
        'device-private page is never pinned (I-15).',
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: 1,
      id: 'blocked',
      note:
        'migrate_vma() collects the page, but in migrate_vma_prepare() ' +
        'migrate_vma_check_page() finds refcount 2 − 1 (the isolation reference) > mapcount 0: ' +
        'someone else holds it. The PTE is restored, nothing moves, and the driver’s read-back ' +
        'finds no device entry: -ENOENT.',
    },
    {
      op: 'unpin',
      pid: 1,
      addr: at(0),
      npages: 1,
      note: 'put_page() drops the pin: the RAM page is back at refcount 1.',
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: 1,
      note:
        'Now migrate_vma_check_page() passes (1 − 1 ≤ 0) and the page moves to the device ' +
        'again.',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: 2,
      note: 'Both loads fault through do_swap_page() and come home: 7 and 8.',
    },
  ],
});
