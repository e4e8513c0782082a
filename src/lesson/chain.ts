/**
 * The chain that matters in a step's kernel path, e.g. `do_swap_page → device_private_entry_fault
 * → hmm_devmem_fault → dmirror_devmem_fault → migrate_vma`: the kernel functions in the order they
 * first ran, without the bookkeeping every path repeats (reference counts, locks, LRU, notifiers)
 * and without the sub-phases of a function already named.
 */
import type { KernelEvents } from '../model';
import { firstCalls } from '../model';

/** Helpers every path runs; naming them would hide the functions that decide what happens. */
const BOOKKEEPING = new Set([
  '__do_page_fault',
  'get_page',
  'put_page',
  'put_zone_device_private_or_public_page',
  'lock_page',
  'unlock_page',
  'set_pte_at',
  'pte_clear',
  'anon_vma_prepare',
  'mem_cgroup_try_charge',
  'mem_cgroup_uncharge',
  'page_add_new_anon_rmap',
  'page_add_anon_rmap',
  'page_remove_rmap',
  'page_dup_rmap',
  'lru_cache_add_active_or_unevictable',
  'lru_add_drain',
  'isolate_lru_page',
  'putback_lru_page',
  'radix_tree_insert',
  'radix_tree_delete',
  'mem_hotplug_begin',
  'mem_hotplug_done',
  'static_branch_enable',
  'copy_highpage',
  'migrate_vma_check_page',
  'mmu_notifier_invalidate_range_start',
  'mmu_notifier_invalidate_range_end',
  'dmirror_sync_cpu_device_pagetables',
  'find_task_by_vpid',
  'flush_tlb_range',
  // The same helpers under their v6.12 names (src/model/eras/v6_12/names.ts).
  'do_user_addr_fault',
  'mem_cgroup_charge',
  '__mem_cgroup_uncharge',
  'folio_add_new_anon_rmap',
  'folio_add_anon_rmap_pte',
  'folio_remove_rmap_pte',
  'folio_try_dup_anon_rmap_pte',
  'folio_add_lru_vma',
  'folio_isolate_lru',
  'folio_putback_lru',
  'dmirror_interval_invalidate',
]);

export interface ChainLink {
  readonly fn: string;
  readonly file: string;
  /** A driver function (lib/test_hmm.c), shown apart from core kernel code. */
  readonly driver: boolean;
}

export const CHAIN_MAX = 6;

/**
 * Every link of a path's chain, once per events array: the step's narration and its kernel path
 * both ask, and a bulk step's path is 589,824 events long.
 */
const LINKS = new WeakMap<KernelEvents, readonly ChainLink[]>();

function allLinks(events: KernelEvents): readonly ChainLink[] {
  const known = LINKS.get(events);
  if (known) return known;
  const names = new Set<string>();
  const all: ChainLink[] = [];
  // A function's first call is all the chain reads: each call once, in order of first call (a
  // kept step's table of calls, not a pass over its events).
  const calls = firstCalls(events);
  for (const e of calls) {
    if (BOOKKEEPING.has(e.fn) || names.has(e.fn)) continue;
    // migrate_vma_collect, _prepare, ... are phases of migrate_vma: the parent names them.
    const phaseOf = [...names].some((n) => e.fn.startsWith(`${n}_`));
    names.add(e.fn);
    if (phaseOf) continue;
    all.push({ fn: e.fn, file: e.file, driver: e.file === 'lib/test_hmm.c' });
  }
  // A step made only of bookkeeping (an unpin is one put_page) is named by what it ran.
  const first = calls[0];
  if (all.length === 0 && first)
    all.push({ fn: first.fn, file: first.file, driver: first.file === 'lib/test_hmm.c' });
  LINKS.set(events, all);
  return all;
}

/** The chain of `events`, at most `max` links; `more` counts the links left out. */
export function kernelChain(
  events: KernelEvents,
  max = CHAIN_MAX,
): { links: ChainLink[]; more: number } {
  const all = allLinks(events);
  return { links: all.slice(0, max), more: Math.max(0, all.length - max) };
}

/** The chain as one line of text. */
export function chainText(events: KernelEvents, max = CHAIN_MAX): string {
  const { links, more } = kernelChain(events, max);
  if (links.length === 0) return '';
  return links.map((l) => l.fn).join(' → ') + (more > 0 ? ` → … (${more} more)` : '');
}
