/** fork and exit (kernel/fork.c dup_mm, kernel/exit.c → mm/mmap.c exit_mmap). */
import type { Kernel } from './kernel';
import { bug, call, proc, rssOf, trace, vmacache_invalidate } from './kernel';
import type { Pid, Process } from './types';
import { copy_page_range } from './memory_fork';
import { hmm_release } from './hmm_mirror_register';
import { zap_page_range } from './memory_zap';
import { releaseFile } from './mmap';
import { draftedSet, emptyTable } from './table';

export function newProcess(pid: Pid, parent: Pid | null): Process {
  return {
    pid,
    alive: true,
    vmas: [],
    ptes: emptyTable(),
    rss: { anon: 0, file: 0, shmem: 0 },
    signals: [],
    parent,
    gupPins: [],
    hmmMirrors: [],
  };
}

export function do_fork(k: Kernel, parent: Pid, child: Pid): number {
  return call(k, '_do_fork', 'kernel/fork.c', `pid ${parent} → child pid ${child}`, () => {
    const p = proc(k, parent);
    draftedSet(k.s.processes, child, newProcess(child, parent));
    call(k, 'dup_mm', 'kernel/fork.c', 'copy the VMAs and page tables', () => {
      const c = proc(k, child);
      for (const v of p.vmas) {
        // *tmp = *mpnt, then anon_vma_fork: the child has an anon_vma iff the parent's VMA had one.
        c.vmas.push({ ...v });
        vmacache_invalidate(k, child);
        if (v.file !== null) {
          const f = k.s.files[v.file];
          if (f) f.users += 1;
        }
        copy_page_range(k, parent, child, v);
      }
    });
    return 0;
  });
}

/** check_mm (kernel/fork.c): a torn-down mm must have every RSS counter back at zero. */
function check_mm(k: Kernel, pid: Pid): void {
  const rss = rssOf(k, pid);
  const counters = [
    ['MM_FILEPAGES', rss.file],
    ['MM_ANONPAGES', rss.anon],
    ['MM_SHMEMPAGES', rss.shmem],
  ] as const;
  counters.forEach(([name, val], idx) => {
    if (val === 0) return;
    trace(
      k,
      'check_mm',
      'kernel/fork.c',
      `BUG: Bad rss-counter state mm:pid ${pid} idx:${idx} val:${val}`,
    );
    bug(
      k,
      'I-14',
      `pid ${pid}: ${name} is ${val} after exit_mmap (check_mm: Bad rss-counter state)`,
    );
  });
}

/** do_exit → mmput → exit_mmap: every mapping is torn down; device mirrors are released. */
export function do_exit(k: Kernel, pid: Pid, why: string): void {
  call(k, 'do_exit', 'kernel/exit.c', `pid ${pid} exits (${why})`, () => {
    const p = proc(k, pid);
    call(k, 'exit_mmap', 'mm/mmap.c', `${p.vmas.length} VMA(s)`, () => {
      for (const v of p.vmas) zap_page_range(k, pid, v, v.start, v.end);
      for (const v of p.vmas) releaseFile(k, v);
      p.vmas = [];
      vmacache_invalidate(k, pid);
    });
    check_mm(k, pid);
    hmm_release(k, pid);
    p.alive = false;
  });
}
