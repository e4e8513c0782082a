/** mmap and munmap (mm/mmap.c): MAP_FIXED mappings, VMA split and merge, unmap_region. */
import type { Kernel } from './kernel';
import { call, proc, trace, vmacache_invalidate } from './kernel';
import type { Pid, Prot, Vma, Vpn } from './types';
import { TASK_SIZE_PAGES } from './types';
import type { MapFlag } from './ops';
import { Errno } from './ops';
import { asVpn, hexVpn } from './ids';
import { shmem_file_setup, shmem_release } from './shmem';
import { zap_page_range } from './memory_zap';

const FILE = 'mm/mmap.c';

/** Two VMAs that may become one (vma_merge's can_vma_merge_before/after, reduced). */
function mergeable(a: Vma, b: Vma): boolean {
  if (
    a.end !== b.start ||
    a.prot !== b.prot ||
    a.shared !== b.shared ||
    a.anonymous !== b.anonymous
  )
    return false;
  if (a.file === null && b.file === null) return true;
  return a.file === b.file && a.pgoff + (a.end - a.start) === b.pgoff;
}

/** vma_merge over the whole list: adjacent compatible VMAs become one. */
export function vma_merge_all(k: Kernel, pid: Pid): void {
  const p = proc(k, pid);
  const out: Vma[] = [];
  for (const v of p.vmas) {
    const last = out[out.length - 1];
    if (last && mergeable(last, v)) {
      trace(k, 'vma_merge', FILE, `[${hexVpn(last.start)}, ${hexVpn(v.end)}) merged`);
      if (v.file !== null) {
        const f = k.s.files[v.file];
        if (f) f.users -= 1;
      }
      last.end = v.end;
      // __vma_adjust: the importer without an anon_vma clones the exporter's (anon_vma_clone).
      last.anonVma = last.anonVma || v.anonVma;
    } else out.push(v);
  }
  p.vmas = out;
  vmacache_invalidate(k, pid);
}

/** __split_vma: cut the VMA containing `at` into two at that page (both keep the anon_vma). */
export function split_vma(k: Kernel, pid: Pid, at: Vpn): void {
  const p = proc(k, pid);
  const i = p.vmas.findIndex((v) => at > v.start && at < v.end);
  const v = p.vmas[i];
  if (!v) return;
  const tail: Vma = { ...v, start: at, pgoff: v.pgoff + (at - v.start) };
  v.end = at;
  if (v.file !== null) {
    const f = k.s.files[v.file];
    if (f) f.users += 1;
  }
  p.vmas.splice(i + 1, 0, tail);
  vmacache_invalidate(k, pid);
  trace(k, '__split_vma', FILE, `split at ${hexVpn(at)}`);
}

export function do_munmap(k: Kernel, pid: Pid, start: Vpn, n: number): number {
  return call(k, 'do_munmap', FILE, `[${hexVpn(start)}, +${n} pages)`, () => {
    const end = asVpn(start + n);
    split_vma(k, pid, start);
    split_vma(k, pid, end);
    const p = proc(k, pid);
    const doomed = p.vmas.filter((v) => v.start >= start && v.end <= end);
    if (doomed.length === 0) return 0;
    call(k, 'unmap_region', FILE, `${doomed.length} VMA(s)`, () => {
      for (const v of doomed) zap_page_range(k, pid, v, v.start, v.end);
    });
    p.vmas = p.vmas.filter((v) => !doomed.includes(v));
    vmacache_invalidate(k, pid);
    for (const v of doomed) releaseFile(k, v);
    trace(k, 'remove_vma', FILE, `${doomed.length} VMA(s) gone`);
    return 0;
  });
}

export function releaseFile(k: Kernel, v: Vma): void {
  if (v.file === null) return;
  const f = k.s.files[v.file];
  if (!f) return;
  f.users -= 1;
  if (f.users <= 0) shmem_release(k, v.file);
}

export function do_mmap(
  k: Kernel,
  pid: Pid,
  start: Vpn,
  n: number,
  prot: Prot,
  flags: readonly MapFlag[],
): number {
  const shared = flags.includes('shared');
  const anonymous = flags.includes('anonymous');
  return call(
    k,
    'do_mmap',
    FILE,
    `MAP_FIXED [${hexVpn(start)}, +${n} pages) ${prot} ${flags.join('|')}`,
    () => {
      if (shared === flags.includes('private')) {
        trace(k, 'do_mmap', FILE, 'exactly one of MAP_SHARED and MAP_PRIVATE is required: -EINVAL');
        return -Errno.EINVAL;
      }
      if (start + n > TASK_SIZE_PAGES || start === 0) {
        trace(k, 'get_unmapped_area', FILE, 'outside the user address space: -ENOMEM');
        return -Errno.ENOMEM;
      }
      do_munmap(k, pid, start, n); // MAP_FIXED replaces whatever was there.
      const file = shared || !anonymous ? shmem_file_setup(k, anonymous) : null;
      if (file !== null) {
        const f = k.s.files[file];
        if (f) f.users += 1;
      }
      const vma: Vma = {
        start,
        end: asVpn(start + n),
        prot,
        shared,
        anonymous,
        file,
        pgoff: 0,
        anonVma: false,
      };
      const p = proc(k, pid);
      p.vmas.push(vma);
      p.vmas.sort((a, b) => a.start - b.start);
      vmacache_invalidate(k, pid);
      trace(k, 'mmap_region', FILE, `new VMA [${hexVpn(vma.start)}, ${hexVpn(vma.end)})`);
      vma_merge_all(k, pid);
      return 0;
    },
  );
}
