import { defineBuiltin } from './define';
import { mapBuffer } from './steps';
import { at } from './layout';

/** DEVICE_PUBLIC memory: CPU-addressable, shared by fork, migratable once unshared. */
export const devicePublicCpuAccess = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'device-public-cpu-access',
  title: 'DEVICE_PUBLIC: the CPU uses device memory directly, fork shares it',
  summary:
    'Cache-coherent DEVICE_PUBLIC memory (v4.14 only; removed in v5.3) is mapped by present ' +
    'devmap PTEs, so CPU loads and stores need no fault. fork() copies them like normal pages. ' +
    'A shared public page cannot migrate: try_to_unmap_one() does nothing for public pages, so ' +
    'the other mapping is never removed. Once the child exits, the page migrates home.',
  era: 'v4.14',
  steps: [
    {
      op: 'device_add',
      device: 'dmirror0',
      type: 'public',
      note:
        'The platform describes a coherent range (IORES_DESC_DEVICE_PUBLIC_MEMORY) and the ' +
        'driver calls hmm_devmem_add_resource(): no search, the resource is given. ' +
        'hmm_devmem_pages_create() uses arch_add_memory(), so unlike private memory the range ' +
        'gets a kernel linear mapping.',
    },
    { op: 'spawn', pid: 1, note: 'A process with an empty mm (execve).' },
    mapBuffer(2, 'A two-page private anonymous VMA.'),
    {
      op: 'write',
      pid: 1,
      addr: at(0),
      npages: 2,
      values: [1, 2],
      note: 'do_anonymous_page() allocates two RAM pages holding 1 and 2.',
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: 2,
      note:
        'migrate_vma() moves both pages to public device memory. For a DEVICE_PUBLIC new page ' +
        'remove_migration_pte() builds a present PTE with pte_mkdevmap(): writable, because the ' +
        'migration entry was WRITE.',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: 2,
      note: 'Two loads straight from device memory through the devmap PTEs: no fault. 1 and 2.',
    },
    {
      op: 'write',
      pid: 1,
      addr: at(0),
      npages: 1,
      values: [3],
      note: 'A store to page 0 lands in device memory without a fault.',
    },
    {
      op: 'fork',
      pid: 1,
      child: 2,
      id: 'fork',
      note:
        'copy_one_pte(): vm_normal_page() returns NULL for a devmap PTE, so the pte_devmap ' +
        'branch does get_page() and page_dup_rmap(); ptep_set_wrprotect() makes both copies ' +
        'read-only (COW). Each public page: refcount 3, mapcount 2.',
    },
    {
      op: 'read',
      pid: 2,
      addr: at(0),
      npages: 2,
      note: 'The child loads the same device pages without a fault: 3 and 2.',
    },
    {
      op: 'dmirror_migrate_to_sys',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: 2,
      id: 'stuck',
      note:
        'HMM_DMIRROR_MIGRATE_TO_SYS for the parent. migrate_vma_collect() turns the parent’s ' +
        'PTEs into migration entries, but each page is still mapped by the child, and ' +
        'try_to_unmap() → try_to_unmap_one() returns at once for a ZONE_DEVICE page that is not ' +
        'private. migrate_vma_unmap() restores both: cpages 0.',
    },
    {
      op: 'exit',
      pid: 2,
      note:
        'The child exits: zap_pte_range() finds the public pages with _vm_normal_page(…, true); ' +
        'page_remove_rmap(), and release_pages() (which special-cases DEVICE_PUBLIC in v4.14) ' +
        'drops the child’s references.',
    },
    {
      op: 'dmirror_migrate_to_sys',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: 2,
      note:
        'Now the parent is the only mapper: migrate_vma_check_page() (one extra reference for a ' +
        'public page) passes, both pages are copied to RAM and hmm_devmem_free() returns the ' +
        'device pages. The new PTEs are read-only, as the parent’s were after fork: cpages 2.',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: 2,
      note: 'The data came home: 3 and 2.',
    },
  ],
});
