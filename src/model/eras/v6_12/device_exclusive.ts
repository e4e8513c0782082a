/**
 * Device-exclusive entries of v6.12 (kernel-semantics.md §2.19; b756a3b5e7ea, v5.14):
 * make_device_exclusive_range (mm/rmap.c) swaps every CPU mapping of an anonymous page for a
 * SWP_DEVICE_EXCLUSIVE entry so a device can use it atomically; restore_exclusive_pte
 * (mm/memory.c) puts the present PTE back, from a CPU fault (do_swap_page →
 * remove_device_exclusive_entry) or from fork (copy_nonpresent_pte → try_restore_exclusive_pte).
 * The entry keeps the mapping's page reference but drops its mapcount (folio_remove_rmap_pte):
 * "we'll always have !folio_mapped() with a single device-exclusive entry" until v6.15.
 */
import type { Kernel } from '../../kernel';
import { call, getPte, page, setPte, trace } from '../../kernel';
import type { Pfn, Pid, Vma, Vpn } from '../../types';
import { asVpn, hex, hexVpn } from '../../ids';
import type { VmFault } from '../../fault_types';
import { gup_one } from '../../gup';
import { get_page, put_page } from '../../swap';
import { page_add_anon_rmap, page_remove_rmap } from '../../rmap';
import { PageAnon, vmaWritable } from '../../mm';
import { mmu_notifier_invalidate_range } from '../../mmu_notifier';

const RMAP = 'mm/rmap.c';
const MEMORY = 'mm/memory.c';

/**
 * page_make_device_exclusive_one over the rmap walk (folio_make_device_exclusive): every present
 * mapping becomes an exclusive entry, writable iff the PTE was; a non-present one stops the walk.
 * Valid only if the target mm still maps the page writable at `vpn` and nothing maps it after.
 */
function folio_make_device_exclusive(k: Kernel, pfn: Pfn, pid: Pid, vpn: Vpn): boolean {
  return call(
    k,
    'folio_make_device_exclusive',
    RMAP,
    `pfn ${hex(pfn)} for pid ${pid} ${hexVpn(vpn)}`,
    () => {
      if (!PageAnon(page(k, pfn))) {
        trace(k, 'folio_make_device_exclusive', RMAP, '!folio_test_anon: anonymous folios only');
        return false;
      }
      // struct make_exclusive_args: `valid` is set by the walk.
      const args = { valid: false };
      for (const ref of [...page(k, pfn).rmap]) {
        const pte = getPte(k, ref.pid, ref.vpn);
        if (!pte || pte.kind === 'device-exclusive') continue;
        // page_vma_mapped_walk: check_pte() also matches migration/device entries; a non-present
        // one ends the walk (ret = false) and the folio stays mapped elsewhere.
        if (pte.kind !== 'present') {
          trace(k, 'page_make_device_exclusive_one', RMAP, `${pte.kind} entry: stop the walk`);
          break;
        }
        call(
          k,
          'page_make_device_exclusive_one',
          RMAP,
          `pid ${ref.pid} ${hexVpn(ref.vpn)} → device-exclusive (${pte.write ? 'write' : 'read'})`,
          () => {
            // mmu_notifier_range_init_owner(MMU_NOTIFY_EXCLUSIVE, owner): dmirror passes owner
            // NULL, so its own interval notifier drops its entries too.
            mmu_notifier_invalidate_range(k, ref.pid, ref.vpn, ref.vpn + 1, 'MMU_NOTIFY_EXCLUSIVE');
            trace(k, 'ptep_clear_flush', 'mm/pgtable-generic.c', `${hexVpn(ref.vpn)} cleared`);
            if (ref.pid === pid && ref.vpn === vpn && pte.write) args.valid = true;
            setPte(k, ref.pid, ref.vpn, { kind: 'device-exclusive', pfn, write: pte.write });
            trace(
              k,
              pte.write
                ? 'make_writable_device_exclusive_entry'
                : 'make_readable_device_exclusive_entry',
              'include/linux/swapops.h',
              `set_pte_at: the entry keeps the mapping's reference (refcount ${page(k, pfn).refcount})`,
            );
            page_remove_rmap(k, pfn);
          },
        );
      }
      const ok = args.valid && page(k, pfn).mapcount === 0;
      trace(
        k,
        'folio_make_device_exclusive',
        RMAP,
        ok
          ? 'args.valid && !folio_mapcount: true'
          : `false (${args.valid ? 'still mapped' : 'not mapped writable at the address'})`,
      );
      return ok;
    },
  );
}

/**
 * make_device_exclusive_range (mm/rmap.c v6.12): get_user_pages_remote(FOLL_GET | FOLL_WRITE |
 * FOLL_SPLIT_PMD) faults the pages in writable (breaking COW), then each page is trylocked and
 * made exclusive. Returns the number of pages GUP found (or its -errno when it found none), and
 * for each the pfn marked exclusive — locked, with the GUP reference — or null.
 */
export function make_device_exclusive_range(
  k: Kernel,
  pid: Pid,
  start: Vpn,
  end: Vpn,
): { ret: number; pages: (Pfn | null)[]; wait?: Vpn } {
  return call(
    k,
    'make_device_exclusive_range',
    RMAP,
    `[${hexVpn(start)}, ${hexVpn(end)}) owner NULL`,
    () => {
      const got: Pfn[] = [];
      let err = 0;
      // The address where GUP sleeps on a paused migration's entry, if it does.
      const wait = call(
        k,
        'get_user_pages_remote',
        'mm/gup.c',
        `${end - start} page(s) FOLL_GET | FOLL_WRITE | FOLL_SPLIT_PMD`,
        (): Vpn | null => {
          for (let v = start; v < end; v++) {
            const r = gup_one(k, pid, asVpn(v), { write: true });
            if (!r.ok && r.err === 'wait') return asVpn(v);
            if (!r.ok) {
              // A livelocked fault is reported by the fault path; GUP stops there.
              err = typeof r.err === 'number' ? r.err : 0;
              return null;
            }
            get_page(k, r.pfn, 'FOLL_GET');
            got.push(r.pfn);
          }
          return null;
        },
      );
      if (wait !== null) {
        // migration_entry_wait: the task sleeps on a paused migration's page inside GUP, holding
        // the references it took so far. The model drops them now and the woken op takes the
        // window again from its start (GUP has marked nothing yet), which ends in the same state.
        for (const pfn of got) put_page(k, pfn, 'asleep in GUP: the window is taken again later');
        return { ret: 0, pages: [], wait };
      }
      if (got.length === 0 && err < 0) return { ret: err, pages: [] };
      const pages = got.map((pfn, i): Pfn | null => {
        const vpn = asVpn(start + i);
        const p = page(k, pfn);
        if (p.locked) {
          put_page(k, pfn, 'folio_trylock failed: folio_put');
          return null;
        }
        p.locked = true;
        trace(k, 'folio_trylock', 'include/linux/pagemap.h', `pfn ${hex(pfn)} locked`);
        if (!folio_make_device_exclusive(k, pfn, pid, vpn)) {
          p.locked = false;
          put_page(k, pfn, 'not made exclusive: folio_unlock + folio_put');
          return null;
        }
        return pfn;
      });
      return { ret: got.length, pages };
    },
  );
}

/**
 * restore_exclusive_pte (mm/memory.c v6.12): mk_pte from vm_page_prot, old; a writable entry
 * comes back dirty and, if the VMA allows, writable (maybe_mkwrite). No page reference is taken:
 * the entry already held one; the mapcount comes back (folio_add_anon_rmap_pte).
 */
export function restore_exclusive_pte(k: Kernel, pid: Pid, vma: Vma, vpn: Vpn): void {
  const pte = getPte(k, pid, vpn);
  if (pte?.kind !== 'device-exclusive') return;
  const write = pte.write && vmaWritable(vma);
  call(
    k,
    'restore_exclusive_pte',
    MEMORY,
    `${hexVpn(vpn)} → present pfn ${hex(pte.pfn)}${write ? ' writable' : ' read-only'}`,
    () => {
      page_add_anon_rmap(k, pte.pfn);
      setPte(k, pid, vpn, {
        kind: 'present',
        pfn: pte.pfn,
        write,
        dirty: pte.write,
        young: false,
        zero: false,
      });
      trace(k, 'set_pte_at', MEMORY, 'no reference taken: the exclusive entry held one');
    },
  );
}

/**
 * remove_device_exclusive_entry (mm/memory.c v6.12), do_swap_page's branch for a device-exclusive
 * entry: folio_try_get, folio_lock_or_retry, MMU_NOTIFY_EXCLUSIVE over the page (owner NULL: the
 * device loses its atomic mapping), restore the PTE if it is unchanged, unlock, put. Returns 0:
 * the CPU access is replayed on the restored PTE.
 */
export function remove_device_exclusive_entry(
  k: Kernel,
  pid: Pid,
  vma: Vma,
  vpn: Vpn,
  pfn: Pfn,
): VmFault {
  return call(k, 'remove_device_exclusive_entry', MEMORY, `pfn ${hex(pfn)}`, () => {
    get_page(k, pfn, 'folio_try_get');
    page(k, pfn).locked = true;
    trace(k, 'folio_lock_or_retry', 'include/linux/pagemap.h', `pfn ${hex(pfn)} locked`);
    mmu_notifier_invalidate_range(k, pid, vpn, vpn + 1, 'MMU_NOTIFY_EXCLUSIVE');
    restore_exclusive_pte(k, pid, vma, vpn);
    page(k, pfn).locked = false;
    put_page(k, pfn, 'folio_unlock + folio_put');
    return 'OK';
  });
}
