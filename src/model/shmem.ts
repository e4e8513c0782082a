/**
 * tmpfs/shmem objects (mm/shmem.c): the page cache behind MAP_SHARED|MAP_ANONYMOUS and behind file
 * mappings. The page cache holds one reference on each of its pages.
 */
import type { Kernel } from './kernel';
import { call, page, trace } from './kernel';
import type { FileId, FileObject, Pfn } from './types';
import { asFileId, hex } from './ids';
import { alloc_page } from './page_alloc';
import { mem_cgroup_try_charge } from './memcontrol';
import { put_page } from './swap';

const FILE = 'mm/shmem.c';

export function shmem_file_setup(k: Kernel, shmem: boolean): FileId {
  const id = asFileId(k.s.nextFileId);
  k.s.nextFileId += 1;
  const obj: FileObject = { id, pages: {}, users: 0, shmem };
  k.s.files[id] = obj;
  trace(
    k,
    shmem ? 'shmem_zero_setup' : 'shmem_file_setup',
    FILE,
    `new ${shmem ? 'shared anonymous memory' : 'tmpfs file'} object #${id}`,
  );
  return id;
}

/** shmem_getpage: find the page at index, or allocate a zeroed one into the page cache. */
export function shmem_getpage(k: Kernel, file: FileId, index: number): Pfn | null {
  const obj = k.s.files[file];
  if (!obj) return null;
  const have = obj.pages[index];
  if (have !== undefined) {
    trace(
      k,
      'find_lock_entry',
      'mm/filemap.c',
      `page cache hit: index ${index} → pfn ${hex(have)}`,
    );
    return have;
  }
  return call(k, 'shmem_getpage_gfp', FILE, `allocate index ${index} of object #${file}`, () => {
    const pfn = alloc_page(k, 'shmem page');
    if (pfn === null) return null;
    const p = page(k, pfn);
    p.mapping = { kind: 'file', file, index };
    p.lru = true;
    mem_cgroup_try_charge(k, pfn);
    obj.pages[index] = pfn;
    trace(k, 'shmem_add_to_page_cache', FILE, `pfn ${hex(pfn)} in the page cache (its reference)`);
    return pfn;
  });
}

/** The last user of a shmem object went away: truncate its page cache (shmem_evict_inode). */
export function shmem_release(k: Kernel, file: FileId): void {
  const obj = k.s.files[file];
  if (!obj) return;
  call(k, 'shmem_evict_inode', FILE, `object #${file} has no users: truncate its pages`, () => {
    for (const pfn of Object.values(obj.pages)) {
      page(k, pfn).mapping = null;
      put_page(k, pfn, 'page cache reference dropped by truncation');
    }
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- the object is gone
    delete k.s.files[file];
  });
}
