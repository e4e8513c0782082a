/**
 * The kernel state the model holds (kernel-semantics.md §1), shaped so that a step costs what it
 * changes: pages and PTEs live in sparse two-level tables keyed like the kernel's own radix
 * structures, idle pages are not stored at all, and every record is plain serializable data.
 */

import type { PROTS } from './opTable';
import type { Op } from './ops';

declare const brand: unique symbol;
/** A nominal type: a number or string that cannot be mixed up with another kind of id. */
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Page frame number (physical address >> PAGE_SHIFT). */
export type Pfn = Brand<number, 'Pfn'>;
/** Virtual page number (user virtual address >> PAGE_SHIFT). */
export type Vpn = Brand<number, 'Vpn'>;
export type Pid = Brand<number, 'Pid'>;
export type DeviceId = Brand<string, 'DeviceId'>;
/** A tmpfs/shmem object (backs MAP_SHARED|MAP_ANONYMOUS and file mappings). */
export type FileId = Brand<number, 'FileId'>;
/**
 * One PTE's identity as a single value, `pid:vpn` (made only by pteKey in ids.ts): for sets and
 * map keys. Code that needs the pid and vpn keeps a PteRef instead of parsing a key back.
 */
export type PteKey = Brand<string, 'PteKey'>;

/** The kernel eras the model knows (kernel-semantics.md §4.1; src/model/eras/spec.ts). */
export type Era = 'v4.14' | 'v6.12';
export const ERAS: readonly Era[] = ['v4.14', 'v6.12'];

// x86-64 constants of v4.14 (§1.1).
export const PAGE_SHIFT = 12;
export const PAGE_SIZE = 1 << PAGE_SHIFT;
/** SECTION_SIZE_BITS: 128 MiB memory sections. */
export const PA_SECTION_SHIFT = 27;
export const PAGES_PER_SECTION = 2 ** (PA_SECTION_SHIFT - PAGE_SHIFT);
/** The test driver hotplugs device memory in 256 MiB chunks (lib/test_hmm.c DEVMEM_CHUNK_SIZE). */
export const DEVMEM_CHUNK_PAGES = (256 * 1024 * 1024) / PAGE_SIZE;
/**
 * Bits of a key per level of the sparse state tables (table.ts). Storage only: small fixed-size
 * nodes keep what immer copies per step small and bounded (bench/model.bench.ts). The kernel's
 * page-table geometry is PTRS_PER_PTE.
 */
export const TABLE_SHIFT = 6;
/** Entries in one x86-64 PTE page: one PMD maps 512 pages (2 MiB). */
export const PTRS_PER_PTE = 512;
/** MAX_PHYSMEM_BITS of x86-64 with 4-level paging (arch/x86/include/asm/sparsemem.h). */
export const MAX_PHYSMEM_BITS = 46;
/** user space ends at 2^47 on x86-64 with 4-level paging (TASK_SIZE). */
export const TASK_SIZE_PAGES = 2 ** (47 - PAGE_SHIFT);

/** device-coherent: MEMORY_DEVICE_COHERENT (v6.0+), CPU-addressable device memory. */
export type MemoryType = 'system' | 'device-private' | 'device-public' | 'device-coherent';
export type DeviceType = 'private' | 'public' | 'coherent';

/** page->mapping, reduced to what it tells: anonymous (anon_vma), a shmem/tmpfs file, or none. */
export type PageMapping =
  | { readonly kind: 'anon' }
  | { readonly kind: 'file'; readonly file: FileId; readonly index: number };

/**
 * struct page. Only pages that are not idle are stored: a free RAM page (refcount 0, buddy) and a
 * free device page (refcount 1, on its driver's free list) are implied by their pfn.
 */
export interface Page {
  readonly pfn: Pfn;
  readonly memory: MemoryType;
  /** Owning device for ZONE_DEVICE pages (page->pgmap->data). */
  readonly device: DeviceId | null;
  /** page_ref_count(). */
  refcount: number;
  /** page_mapcount() = _mapcount + 1. */
  mapcount: number;
  /** PG_locked. */
  locked: boolean;
  /** PG_lru: on an LRU list (never for ZONE_DEVICE pages, I-9). */
  lru: boolean;
  mapping: PageMapping | null;
  /** The page's contents: one integer stands for its 4 KiB of bytes. */
  value: number;
  /** Charged to the (single) memory cgroup. */
  memcg: boolean;
  /** References taken by get_user_pages and not yet released (included in refcount). */
  pins: number;
  /** Device pages handed out by the driver's allocator (off its free list). */
  allocated: boolean;
  /** PG_hwpoison: memory_failure took this frame out of use; it keeps that one reference. */
  hwpoison?: true;
  /**
   * PG_reserved: a kernel-image page (the zero page), never freed: it holds one reference of its
   * own; FOLL_GET adds one per get_user_pages, put_page drops it. PTEs that map it are special
   * (pte_mkspecial) and take no mapcount or reference.
   */
  reserved?: true;
  /**
   * Every PTE (present, device-private or migration) that points at this page. The kernel finds
   * these through the anon_vma / i_mmap reverse map; the model keeps the answer.
   */
  rmap: RmapRef[];
}

/** One PTE, by process and virtual page. */
export interface PteRef {
  readonly pid: Pid;
  readonly vpn: Vpn;
}

/** A reverse-map entry: a PTE that maps the page. */
export type RmapRef = PteRef;

/** One page-table entry kind of §1.6 (and §2.19 for v6.12). `none` is the absence of an entry. */
export type Pte =
  | {
      readonly kind: 'present';
      readonly pfn: Pfn;
      readonly write: boolean;
      readonly dirty: boolean;
      readonly young: boolean;
      /** is_zero_pfn(): maps the shared zero page. */
      readonly zero: boolean;
    }
  | { readonly kind: 'devmap'; readonly pfn: Pfn; readonly write: boolean; readonly dirty: boolean }
  | { readonly kind: 'device-private'; readonly pfn: Pfn; readonly write: boolean }
  | { readonly kind: 'migration'; readonly pfn: Pfn; readonly write: boolean }
  | { readonly kind: 'hwpoison'; readonly pfn: Pfn }
  /**
   * SWP_DEVICE_EXCLUSIVE_{WRITE,READ} (v5.14+, b756a3b5e7ea; mm/rmap.c
   * page_make_device_exclusive_one): a device holds the anonymous page for atomic access. The
   * entry keeps the mapping's page reference but not its mapcount (v5.14–v6.14); any CPU access
   * restores the present PTE (mm/memory.c remove_device_exclusive_entry).
   */
  | { readonly kind: 'device-exclusive'; readonly pfn: Pfn; readonly write: boolean };

export type PteKind = Pte['kind'] | 'none';

/** A radix-table node: 2^TABLE_SHIFT slots, children above level 0, values at level 0. */
export type TableNode<V> = (V | TableNode<V> | undefined)[];

/** Sparse radix table (table.ts): fixed-size nodes; keys below 64^height. */
export interface Table<V> {
  height: number;
  root: TableNode<V> | null;
}

/** A LIFO list of free pfns (free_list.ts): a radix table by position, and its length. */
export interface FreeList {
  length: number;
  entries: Table<Pfn>;
}

/** The table of values is opTable.ts's PROTS. */
export type Prot = (typeof PROTS)[number];

export interface Vma {
  /** First page, inclusive. */
  start: Vpn;
  /** Last page, exclusive. */
  end: Vpn;
  prot: Prot;
  /** VM_SHARED. Private mappings always have VM_MAYWRITE, so they are COW mappings. */
  shared: boolean;
  /** MAP_ANONYMOUS. A shared anonymous mapping is backed by a shmem object. */
  anonymous: boolean;
  /** The shmem/tmpfs object behind a shared or file mapping. */
  file: FileId | null;
  /** File page offset of `start`. */
  pgoff: number;
  /**
   * vma->anon_vma != NULL. Set only by anon_vma_prepare (the first write fault or COW of a private
   * mapping, do_cow_fault, migrate_vma_insert_page), inherited by split/merge and by fork
   * (anon_vma_fork). A never-written private VMA and every shared VMA have none, and
   * copy_page_range copies no PTE of such a VMA (mm/memory.c v4.14).
   */
  anonVma: boolean;
}

export interface Rss {
  /** MM_ANONPAGES */
  anon: number;
  /** MM_FILEPAGES */
  file: number;
  /** MM_SHMEMPAGES */
  shmem: number;
}

export type Signal = 'SIGSEGV' | 'SIGBUS' | 'SIGKILL';

export interface Process {
  readonly pid: Pid;
  alive: boolean;
  /** Sorted by start, never overlapping. */
  vmas: Vma[];
  ptes: Table<Pte>;
  rss: Rss;
  signals: Signal[];
  parent: Pid | null;
  /** Pages this process pinned with get_user_pages and has not unpinned, by address. */
  gupPins: {
    readonly vpn: Vpn;
    readonly pfn: Pfn;
    /** v6.12 FOLL_PIN on the zero page takes no reference, so unpinning drops none. */
    readonly noRef?: true;
  }[];
  /** mm->hmm->mirrors: the devices mirroring this mm, in registration order. */
  hmmMirrors: MirrorRegistration[];
}

/** A shmem/tmpfs object: its page cache (index → pfn) and how many VMAs use it. */
export interface FileObject {
  readonly id: FileId;
  pages: Record<number, Pfn>;
  users: number;
  /** Anonymous shared memory (MAP_SHARED|MAP_ANONYMOUS) or an O_TMPFILE-like file. */
  readonly shmem: boolean;
}

/** A top-level child of iomem_resource (region_intersects walks only these). */
export interface Resource {
  readonly start: number;
  /** Inclusive, like struct resource. */
  readonly end: number;
  readonly name: string;
  readonly desc: ResourceDesc;
  readonly systemRam: boolean;
}

export type ResourceDesc =
  | 'IORES_DESC_NONE'
  | 'IORES_DESC_DEVICE_PRIVATE_MEMORY'
  | 'IORES_DESC_DEVICE_PUBLIC_MEMORY'
  /** EFI specific-purpose memory ("Soft Reserved"): where v6.12's coherent dmirror devices live. */
  | 'IORES_DESC_SOFT_RESERVED';

/** One hmm_devmem: a hotplugged range of device memory with struct pages [pfnFirst, pfnLast). */
export interface Devmem {
  readonly pfnFirst: Pfn;
  readonly pfnLast: Pfn;
  /** Hotplugged and not yet removed. */
  live: boolean;
  /** The hmm_devmem_ops registered with it: the tag of the driver that called hmm_devmem_add. */
  readonly ops: string;
}

/** dmirror's xarray tags: none (read), DPT_XA_TAG_WRITE, DPT_XA_TAG_ATOMIC (v6.12 EXCLUSIVE). */
export type MirrorPerm = 'read' | 'write' | 'atomic';
/** The device's page table for one process (dmirror's xarray): vpn → page and permission. */
export type MirrorTable = Table<{ readonly pfn: Pfn; readonly perm: MirrorPerm }>;

export type InjectedFault = 'none' | 'device-error' | 'oom';

/**
 * The kernel's side of a device: struct hmm_device and the hmm_devmem chunks hotplugged for it.
 * What the driver keeps about it (free list, device page tables…) is the driver's own data in
 * KernelState.drvdata, which the core stores and never reads.
 */
export interface Device {
  readonly id: DeviceId;
  readonly type: DeviceType;
  /** hmm_device minor (hmm_device%d). */
  readonly minor: number;
  /** The driver bound to it (its tag in the kernel image's driver table). */
  readonly driver: string;
  chunks: Devmem[];
  /** hmm_devmem_remove has run. */
  removed: boolean;
}

/** A driver's private per-device data (dev_get_drvdata): plain data; `driver` says whose. */
export type DriverData = { readonly driver: string } & Readonly<Record<string, unknown>>;

/** hmm_mirror_register: a device mirrors an mm and registered its hmm_mirror_ops under `ops`. */
export interface MirrorRegistration {
  readonly device: DeviceId;
  readonly ops: string;
}

export interface Counters {
  page_free: number;
  device_faults: number;
  migrated_to_device: number;
  migrated_to_system: number;
  cpu_faults: number;
  signals: number;
}

export interface MachineConfig {
  readonly ramPages: number;
  readonly physBits: number;
}

/** One src[]/dst[] entry of migrate_vma (migrate_pfn.ts names its bits). */
export interface MpfnEntry {
  pfn: Pfn | null;
  flags: number;
}

/** The arguments of v4.14's migrate_vma(ops, vma, start, end, src, dst, private), as one record. */
export interface MigrateVma {
  readonly pid: Pid;
  readonly vma: Vma;
  readonly start: Vpn;
  readonly end: Vpn;
  readonly src: MpfnEntry[];
  readonly dst: MpfnEntry[];
  cpages: number;
  /** migrate_vma's `void *private`: the driver's own notes for its callbacks (plain data). */
  readonly private: Record<string, string | number | boolean>;
  /** v5.7+ struct migrate_vma: flags (MIGRATE_VMA_SELECT_*), pgmap_owner, fault_page. */
  readonly select?: {
    readonly flags: number;
    readonly pgmap_owner: string;
    readonly fault_page: Pfn | null;
  };
}

/** A migrate_vma_ops instance, as the state keeps it: the driver and the name of its ops. */
export interface MigrateOpsRef {
  readonly driver: string;
  readonly ops: string;
}

/**
 * A migration the scenario stopped after its unmap stage (op migrate_pause): the driver's ioctl is
 * asleep between migrate_vma_unmap (v6.12: migrate_vma_setup) and ops->alloc_and_copy, holding
 * the mm's mmap_sem for read, its pages locked and isolated, migration entries in every PTE.
 */
export interface PausedMigration {
  readonly device: DeviceId;
  readonly dir: 'to_dev' | 'to_sys';
  readonly ops: MigrateOpsRef;
  /** migrate_vma's arguments and arrays as the unmap stage left them (the window in flight). */
  readonly migrate: MigrateVma;
  /** The ioctl's whole range: windows after this one run when it resumes. */
  readonly start: Vpn;
  readonly end: Vpn;
}

/**
 * A task asleep because of a paused migration: on a page lock (migration_entry_wait) or on the
 * mmap_sem the migration holds for read (a writer: munmap, mprotect, mmap, fork, exit). `op` is
 * what it still has to do; it runs when the lock is released.
 */
export interface Waiter {
  readonly on: 'migration_entry' | 'mmap_sem';
  readonly pid: Pid;
  /** The op left to run: the rest of the access (from the page it waits on), or the whole op. */
  readonly op: Op;
  /** migration_entry: the locked page it sleeps on and the address that faulted. */
  readonly pfn?: Pfn;
  readonly vpn?: Vpn;
  /** v4.14 __migration_entry_wait holds a page reference while it sleeps (v6.12 does not). */
  readonly ref?: true;
}

export interface KernelState {
  readonly era: Era;
  readonly machine: MachineConfig;
  resources: Resource[];
  /** The buddy allocator, reduced: recycled pages first (LIFO), then never-used pages upward. */
  ram: { recycled: FreeList; fresh: Pfn; free: number };
  /** struct pages that are not idle, keyed by pfn. */
  pages: Table<Page>;
  /** By pid: a radix table, so that adding or changing one process copies a bounded path, not a
   * dictionary of every process (spawning 10,000 processes was quadratic, issue 11). */
  processes: Table<Process>;
  /** Device ids in the order they were added. */
  deviceOrder: DeviceId[];
  devices: Record<string, Device>;
  /** Each device's driver-private data, by device id. */
  drvdata: Record<string, DriverData>;
  files: Record<number, FileObject>;
  nextFileId: number;
  nextMinor: number;
  counters: Counters;
  /** Devices whose next ioctl migration stops after its unmap stage (op migrate_pause). */
  pauseArmed?: DeviceId[];
  /** Migrations stopped after their unmap stage. Absent when none. */
  inflight?: PausedMigration[];
  /** Tasks asleep on a paused migration's page locks or mmap_sem. Absent when none. */
  waiters?: Waiter[];
}

/** RAM frames below this are reserved from boot: pfn 0, which x86 leaves to the BIOS (trim_bios_range). */
export const RAM_RESERVED_PAGES = 1;
/**
 * The kernel image at the top of System RAM, reduced to the one page the model needs:
 * empty_zero_page (arch/x86/kernel/head_64.S, __PAGE_ALIGNED_BSS). zero_pfn (mm.ts) is its pfn.
 * No allocator hands these frames out.
 */
export const KERNEL_IMAGE_PAGES = 1;
