import { defineBuiltin } from './define';
import { mapBuffer, migrateBuffer } from './steps';
import { at } from './layout';

/** v4.14's do_wp_page() loses track of a DEVICE_PUBLIC page on COW (kernel-semantics §6.11). */
export const devicePublicCowHole = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'device-public-cow-hole',
  title: 'COW of a DEVICE_PUBLIC page leaks its mapping (v4.14 bug, I-7 / I-14)',
  summary:
    'After fork() a public page is mapped read-only by parent and child. A store by the child ' +
    'goes to do_wp_page(), whose plain vm_normal_page() returns NULL for a devmap PTE, so ' +
    'wp_page_copy() copies with old_page = NULL and never drops the public page’s rmap and ' +
    'reference, while counting the copy in MM_ANONPAGES. The model reports the broken mapcount ' +
    '(I-7) and RSS (I-14); the public page is never freed. Fork is only one way in: any write ' +
    'fault on a read-only devmap PTE opens the hole (see device-public-cow-hole-no-fork). ' +
    'DEVICE_PUBLIC was removed in v5.3.',
  era: 'v4.14',
  steps: [
    {
      op: 'device_add',
      device: 'dmirror0',
      type: 'public',
      note: 'hmm_devmem_add_resource() registers a platform-described DEVICE_PUBLIC range.',
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
    migrateBuffer(2, 'migrate_vma() moves both to public device memory: two writable devmap PTEs.'),
    {
      op: 'fork',
      pid: 1,
      child: 2,
      note:
        'copy_one_pte(), pte_devmap branch: get_page(), page_dup_rmap(), MM_ANONPAGES++ in the ' +
        'child, and both PTEs write-protected. Page 0: refcount 3, mapcount 2.',
    },
    {
      op: 'write',
      pid: 2,
      addr: at(0),
      npages: 1,
      values: [9],
      id: 'cow',
      note:
        'The child stores to page 0: do_wp_page() calls vm_normal_page() without ' +
        'with_public_device and gets NULL, so wp_page_copy() runs with old_page = NULL: it ' +
        'allocates a RAM page, copies from the user address (cow_user_page()) and maps it, ' +
        'counting it in MM_ANONPAGES. The branch that would page_remove_rmap() and put the old ' +
        'page is skipped, and so is the decrement of the old page’s counter. The public page ' +
        'keeps mapcount 2 with only the parent’s PTE (I-7), and the child counts 3 anonymous ' +
        'pages for 2 PTEs (I-14).',
    },
    {
      op: 'read',
      pid: 2,
      addr: at(0),
      npages: 2,
      note: 'The child sees its copy, 9, and the still-shared public page 1, 2.',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: 2,
      note:
        'The parent still reads 1 and 2 from device memory: the data is right, the accounting ' +
        'is not (I-7 again for public page 0).',
    },
    {
      op: 'exit',
      pid: 2,
      note:
        'The child’s zap_pte_range() decrements MM_ANONPAGES once per PTE: one count is left ' +
        'over in a dying mm (I-14).',
    },
    {
      op: 'exit',
      pid: 1,
      note:
        'The parent’s exit puts its mapping of public page 0, which is left at mapcount 1 with ' +
        'no PTE and refcount 2: page_free() is never called and the device page is lost to the ' +
        'driver (I-7). Page 1, never COWed, is freed normally.',
    },
  ],
});
