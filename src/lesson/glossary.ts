/**
 * The glossary: every kernel term the app shows, in plain words, with where it lives in the kernel
 * (v4.14). One file: the views mark terms with it, the narration is scanned for it.
 */
export interface GlossaryEntry {
  readonly id: string;
  /** The words as they appear on screen (the first is the headword); matched whole, any case. */
  readonly terms: readonly string[];
  readonly plain: string;
  /** Where the kernel defines it. */
  readonly source: string;
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    id: 'refcount',
    terms: ['refcount', 'page_ref_count', '_refcount'],
    plain:
      'How many holders a page has (mappings, the driver, a pin, a migration in progress). A RAM page at 0 is free; an idle device page sits at 1.',
    source: 'include/linux/page_ref.h: page_ref_count()',
  },
  {
    id: 'mapcount',
    terms: ['mapcount', 'page_mapcount', '_mapcount'],
    plain: 'How many page-table entries point at this page, in any process.',
    source: 'include/linux/mm.h: page_mapcount()',
  },
  {
    id: 'calloc',
    terms: ['calloc'],
    plain: 'How many device pages the test driver has handed out so far (a counter, not C calloc).',
    source: 'lib/test_hmm.c: dmirror_devmem_alloc_page()',
  },
  {
    id: 'cfree',
    terms: ['cfree'],
    plain: 'How many device pages have come back to the test driver’s free list.',
    source: 'lib/test_hmm.c: dmirror_devmem_free()',
  },
  {
    id: 'rss',
    terms: ['rss anon', 'rss', 'MM_ANONPAGES', 'MM_FILEPAGES', 'MM_SHMEMPAGES'],
    plain:
      'Resident set size: how many pages a process has in memory, counted per kind (anonymous, file, shared memory).',
    source: 'include/linux/mm_types_task.h: MM_ANONPAGES',
  },
  {
    id: 'devmap',
    terms: ['devmap', 'pte_devmap'],
    plain:
      'A normal, present page-table entry that points at device memory the CPU can use directly (DEVICE_PUBLIC).',
    source: 'arch/x86/include/asm/pgtable.h: pte_devmap()',
  },
  {
    id: 'device-private-entry',
    terms: [
      'special swap PTE',
      'swap entry',
      'device-private entry',
      'device-private entries',
      'device-private swap entry',
      'device-private',
    ],
    plain:
      'A page-table entry that is not present: it says “this page is in device memory the CPU cannot touch”. Any CPU access faults and the driver must bring the page back.',
    source: 'include/linux/swapops.h: make_device_private_entry()',
  },
  {
    id: 'migration-entry',
    terms: ['migration entry', 'migration entries', 'migration'],
    plain:
      'A temporary entry that stands in for a page while it is being moved; an access waits until the move is done.',
    source: 'include/linux/swapops.h: make_migration_entry()',
  },
  {
    id: 'zone-device',
    terms: ['ZONE_DEVICE'],
    plain:
      'The memory zone for device memory: it has struct pages like RAM, but never goes to the page allocator or the LRU.',
    source: 'include/linux/mmzone.h, kernel/memremap.c',
  },
  {
    id: 'device-private',
    terms: ['DEVICE_PRIVATE'],
    plain:
      'Device memory the CPU cannot address (like GPU memory over PCIe). Pages there are reached only by migrating them back.',
    source: 'include/linux/memremap.h: MEMORY_DEVICE_PRIVATE',
  },
  {
    id: 'device-public',
    terms: ['DEVICE_PUBLIC', 'device public'],
    plain:
      'Cache-coherent device memory the CPU can map and use directly (v4.14 only; removed in v5.3).',
    source: 'include/linux/memremap.h: MEMORY_DEVICE_PUBLIC',
  },
  {
    id: 'mirror',
    terms: ['mirror', 'mirrors', 'hmm_mirror'],
    plain:
      'The device’s own copy of a process’s page table, kept in step by HMM so the device sees the same memory.',
    source: 'mm/hmm.c: hmm_mirror_register()',
  },
  {
    id: 'pte',
    terms: ['PTE', 'PTEs', 'page table entry'],
    plain:
      'One page-table entry: it says where one 4 KiB page of a process lives, and who may write it.',
    source: 'arch/x86/include/asm/pgtable_types.h',
  },
  {
    id: 'present',
    terms: ['present PTE', 'present entry'],
    plain:
      'A normal page-table entry: the page is in memory the CPU can use, so an access needs no fault.',
    source: 'arch/x86/include/asm/pgtable.h: pte_present()',
  },
  {
    id: 'pfn',
    terms: ['pfn', 'page frame'],
    plain: 'Page frame number: the physical address of a page divided by 4096.',
    source: 'include/linux/pfn.h',
  },
  {
    id: 'vma',
    terms: ['VMA', 'VMAs'],
    plain: 'A range of a process’s address space made by one mmap, with one set of permissions.',
    source: 'include/linux/mm_types.h: struct vm_area_struct',
  },
  {
    id: 'zero-page',
    terms: ['zero page'],
    plain:
      'One shared page full of zeros, mapped read-only wherever a process reads memory it never wrote.',
    source: 'mm/memory.c: do_anonymous_page() with my_zero_pfn()',
  },
  {
    id: 'hwpoison',
    terms: ['hwpoison', 'PG_hwpoison'],
    plain: 'A page whose memory chip reported an uncorrectable error; the kernel stops using it.',
    source: 'mm/memory-failure.c: memory_failure()',
  },
  {
    id: 'page-free',
    terms: ['page_free'],
    plain: 'The driver callback that takes a device page back once nobody holds it any more.',
    source: 'kernel/memremap.c → mm/hmm.c: hmm_devmem_free()',
  },
  {
    id: 'migrate-vma',
    terms: ['migrate_vma'],
    plain: 'Moves a range of pages between RAM and device memory, calling the driver to copy them.',
    source: 'mm/migrate.c: migrate_vma()',
  },
  {
    id: 'cow',
    terms: ['COW', 'copy-on-write'],
    plain: 'After fork, parent and child share pages read-only; the first write gets its own copy.',
    source: 'mm/memory.c: do_wp_page()',
  },
  {
    id: 'livelock',
    terms: ['livelock'],
    plain: 'The same fault happens again and again and never makes progress.',
    source: 'arch/x86/mm/fault.c (the fault is retried)',
  },
  {
    id: 'sigbus',
    terms: ['SIGBUS'],
    plain: 'The signal a process gets when the memory behind an address exists but cannot be used.',
    source: 'arch/x86/mm/fault.c: do_sigbus()',
  },
  {
    id: 'sigsegv',
    terms: ['SIGSEGV'],
    plain: 'The signal a process gets for an address it may not access at all.',
    source: 'arch/x86/mm/fault.c: bad_area()',
  },
  {
    id: 'free-list',
    terms: ['free list'],
    plain: 'The driver’s own list of device pages nobody uses yet.',
    source: 'lib/test_hmm.c: mdevice->free_pages',
  },
  {
    id: 'fault',
    terms: ['page fault', 'fault', 'faults'],
    plain:
      'The CPU stops because the page table cannot serve an access; the kernel fixes the entry (or kills the process) and the access is retried.',
    source: 'mm/memory.c: handle_mm_fault()',
  },
  {
    id: 'gup',
    terms: ['get_user_pages', 'GUP', 'pin', 'pins'],
    plain:
      'Takes a reference on user pages so the kernel or a device can use them; a pinned page cannot move.',
    source: 'mm/gup.c: get_user_pages()',
  },
  {
    id: 'hotplug',
    terms: ['hotplug', 'hotplugs', 'hotplugged'],
    plain: 'Adding memory to a running machine: here, a device’s memory gets struct pages.',
    source: 'mm/hmm.c: hmm_devmem_add()',
  },
  {
    id: 'oom',
    terms: ['OOM', 'out of memory'],
    plain: 'No free page could be found; the kernel must kill something to go on.',
    source: 'mm/oom_kill.c: pagefault_out_of_memory()',
  },
];

const byTerm = new Map<string, GlossaryEntry>();
for (const g of GLOSSARY)
  for (const t of g.terms) {
    const key = t.toLowerCase();
    if (byTerm.has(key)) throw new Error(`glossary term "${t}" is listed twice`);
    byTerm.set(key, g);
  }

export function glossaryEntry(idOrTerm: string): GlossaryEntry | undefined {
  return GLOSSARY.find((g) => g.id === idOrTerm) ?? byTerm.get(idOrTerm.toLowerCase());
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Longest terms first, so "device-private swap entry" wins over "device-private". */
const TERM_RE = new RegExp(
  `(?<![\\w-])(${[...byTerm.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|')})(?![\\w-])`,
  'gi',
);

export type TextPart = string | { readonly text: string; readonly entry: GlossaryEntry };

/**
 * Split text into plain runs and glossary terms. Only the first mention of each entry is marked,
 * so a long note is not a wall of links.
 */
export function markTerms(text: string): TextPart[] {
  const out: TextPart[] = [];
  const seen = new Set<string>();
  let last = 0;
  for (const m of text.matchAll(TERM_RE)) {
    const entry = byTerm.get(m[0].toLowerCase());
    if (!entry || seen.has(entry.id)) continue;
    seen.add(entry.id);
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push({ text: m[0], entry });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
