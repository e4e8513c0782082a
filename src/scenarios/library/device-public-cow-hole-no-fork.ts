import { defineBuiltin } from './define';
import { mapBuffer } from './steps';
import { at } from './layout';

/**
 * The DEVICE_PUBLIC COW hole needs no fork: any write fault on a read-only devmap PTE reaches
 * do_wp_page(), whose vm_normal_page() is NULL for it (mm/memory.c v4.14, kernel-semantics §6.11).
 */
export const devicePublicCowHoleNoFork = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'device-public-cow-hole-no-fork',
  title: 'The DEVICE_PUBLIC COW hole opens without fork: mprotect, then a store (v4.14 bug)',
  summary:
    'No second process is needed. mprotect(PROT_READ) rebuilds the devmap PTE read-only and ' +
    'mprotect(PROT_READ | PROT_WRITE) leaves a private PTE read-only until a write fault. The store ' +
    'then goes to do_wp_page(): plain vm_normal_page() returns NULL for the devmap PTE, so ' +
    'wp_page_copy() copies with old_page = NULL. The process gets a RAM copy, the public page ' +
    'keeps its mapcount and reference with no PTE left (I-7), and MM_ANONPAGES counts both (I-14). ' +
    'A get_user_pages(FOLL_WRITE) or a device write fault through hmm_vma_fault takes the same path.',
  era: 'v4.14',
  steps: [
    {
      op: 'device_add',
      device: 'dmirror0',
      type: 'public',
      note: 'The platform describes coherent memory; hmm_devmem_add_resource() adds its pages.',
    },
    { op: 'spawn', pid: 1, note: 'One process, and no fork anywhere in this scenario.' },
    mapBuffer(1, 'A one-page private anonymous VMA.'),
    {
      op: 'write',
      pid: 1,
      addr: at(0),
      npages: 1,
      values: [5],
      note: 'do_anonymous_page(): a writable RAM page holding 5.',
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: 1,
      note:
        'migrate_vma() moves it to DEVICE_PUBLIC memory: a present devmap PTE the CPU uses ' +
        'directly.',
    },
    {
      op: 'mprotect',
      pid: 1,
      addr: at(0),
      npages: 1,
      prot: 'r',
      note: 'change_pte_range() rebuilds the devmap PTE read-only.',
    },
    {
      op: 'mprotect',
      pid: 1,
      addr: at(0),
      npages: 1,
      prot: 'rw',
      note:
        'VM_WRITE is back, but a private mapping’s vm_page_prot has no write bit: the PTE stays ' +
        'read-only until a write fault.',
    },
    {
      op: 'write',
      pid: 1,
      addr: at(0),
      npages: 1,
      values: [6],
      id: 'hole',
      note:
        'The store faults into do_wp_page(): vm_normal_page() is NULL for the devmap PTE, so ' +
        'wp_page_copy() allocates a RAM copy with old_page = NULL and never drops the public ' +
        'page’s rmap or reference: mapcount 1 with no PTE (I-7), MM_ANONPAGES 2 (I-14).',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: 1,
      note: 'The process reads 6 from its RAM copy; the public page is stranded holding 5.',
    },
  ],
});
