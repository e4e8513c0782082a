/**
 * The device's view of the CPU page table (mm/hmm.c v4.14, §2.17): hmm_vma_get_pfns snapshots it,
 * hmm_vma_fault also faults pages in. v4.14 checks no VMA permissions here (drivers must), has no
 * owner concept (every device-private entry is DEVICE_UNADDRESSABLE to every device), and when one
 * page of a PMD needs a fault it faults them all (hmm_vma_walk_clear).
 */
import type { Kernel } from './kernel';
import { call, getPte, trace } from './kernel';
import { is_zero_pfn, lookupPage } from './page_store';
import type { Pfn, Pid, Vma, Vpn } from './types';
import { PTRS_PER_PTE } from './types';
import { asVpn, hexVpn } from './ids';
import { handle_mm_fault, migration_entry_wait } from './memory';
import { exhaustive } from './exhaustive';

const FILE = 'mm/hmm.c';

export interface HmmPfn {
  readonly valid: boolean;
  readonly pfn: Pfn | null;
  readonly read: boolean;
  readonly write: boolean;
  readonly error: boolean;
  readonly deviceUnaddressable: boolean;
  readonly zero: boolean;
}

const EMPTY: HmmPfn = {
  valid: false,
  pfn: null,
  read: false,
  write: false,
  error: false,
  deviceUnaddressable: false,
  zero: false,
};

/** hmm_vma_walk_pmd's reading of one PTE; `needsFault` when a fault-mode walk must fault it. */
function readPte(
  k: Kernel,
  pid: Pid,
  vma: Vma,
  vpn: Vpn,
  fault: boolean,
  write: boolean,
  owner: string | null,
) {
  const pte = getPte(k, pid, vpn);
  const read = vma.prot !== 'none';
  if (!pte) return { pfn: EMPTY, needsFault: fault };
  switch (pte.kind) {
    case 'migration':
      return { pfn: EMPTY, needsFault: fault };
    case 'device-exclusive':
      // v6.12 hmm_vma_handle_pte: no fault requested → 0 (NONE); otherwise `goto fault`:
      // handle_mm_fault → do_swap_page → remove_device_exclusive_entry.
      return { pfn: EMPTY, needsFault: fault };
    case 'hwpoison':
      return { pfn: { ...EMPTY, error: true }, needsFault: false };
    case 'device-private':
      // v6.12 hmm_vma_handle_pte: only the dev_private_owner's pages are returned; any other
      // device-private entry is a swap entry to fault (do_swap_page → its owner's migrate_to_ram).
      if (owner !== null && lookupOwner(k, pte.pfn) !== owner)
        return { pfn: EMPTY, needsFault: fault };
      // v6.12 returns the caller's own device-private page as it is, without hmm_pte_need_fault:
      // a write request on a read-only entry is not faulted ("just report the PFN").
      if (owner !== null) {
        const pfn = { ...EMPTY, valid: true, pfn: pte.pfn, read, write: pte.write };
        return { pfn: { ...pfn, deviceUnaddressable: true }, needsFault: false };
      }
      return {
        pfn: {
          ...EMPTY,
          valid: true,
          pfn: pte.pfn,
          read,
          write: pte.write,
          deviceUnaddressable: true,
        },
        needsFault: fault && write && !pte.write,
      };
    case 'present':
    case 'devmap':
      return {
        pfn: {
          ...EMPTY,
          valid: true,
          pfn: pte.pfn,
          read,
          write: pte.write,
          zero: is_zero_pfn(k.s, pte.pfn),
        },
        needsFault: fault && write && !pte.write,
      };
    default:
      return exhaustive(pte);
  }
}

/** page->pgmap->owner, read without touching the page (a snapshot changes nothing). */
function lookupOwner(k: Kernel, pfn: Pfn): string | null {
  return lookupPage(k.s, pfn)?.device ?? null;
}

/**
 * hmm_vma_get_pfns (v4.14): snapshot without faulting. v6.12: hmm_range_fault without
 * HMM_PFN_REQ_FAULT, with dev_private_owner = owner (null in v4.14: no owner concept).
 */
export function hmm_vma_get_pfns(
  k: Kernel,
  pid: Pid,
  vma: Vma,
  start: Vpn,
  end: Vpn,
  owner: string | null = null,
): HmmPfn[] {
  const fn = owner === null ? 'hmm_vma_get_pfns' : 'hmm_range_fault';
  const what = `snapshot [${hexVpn(start)}, ${hexVpn(end)})${owner ? `, dev_private_owner ${owner}` : ''}`;
  return call(k, fn, FILE, what, () => {
    const out: HmmPfn[] = [];
    for (let v = start; v < end; v++)
      out.push(readPte(k, pid, vma, asVpn(v), false, false, owner).pfn);
    return out;
  });
}

export type HmmFaultResult =
  | { ok: true; pfns: HmmPfn[] }
  | { ok: false; err: 'EFAULT' | 'LIVELOCK' }
  /** The walk met a migration entry and the task sleeps on its page (k.sleepOn), at `vpn`. */
  | { ok: false; err: 'WAIT'; vpn: Vpn };

/** hmm_vma_fault(vma, range, start, end, pfns, write, block=true). */
export function hmm_vma_fault(
  k: Kernel,
  pid: Pid,
  vma: Vma,
  start: Vpn,
  end: Vpn,
  write: boolean,
  owner: string | null = null,
): HmmFaultResult {
  const modern = owner !== null;
  return call(
    k,
    modern ? 'hmm_range_fault' : 'hmm_vma_fault',
    FILE,
    modern
      ? `[${hexVpn(start)}, ${hexVpn(end)}) HMM_PFN_REQ_FAULT${write ? ' | REQ_WRITE' : ''}, ` +
          `dev_private_owner ${owner}`
      : `[${hexVpn(start)}, ${hexVpn(end)}) ${write ? 'write' : 'read'}`,
    () => {
      // The walk restarts after every fault (-EAGAIN); a walk that never settles is reported.
      for (let walk = 0; walk < 2 * (end - start) + 4; walk++) {
        const pfns: HmmPfn[] = [];
        let faultAt = -1;
        for (let v = start; v < end; v++) {
          const r = readPte(k, pid, vma, asVpn(v), true, write, owner);
          if (r.needsFault) {
            faultAt = v;
            break;
          }
          pfns.push(r.pfn);
        }
        if (faultAt < 0) return { ok: true as const, pfns };
        const entry = getPte(k, pid, asVpn(faultAt));
        if (entry?.kind === 'migration') {
          // hmm_vma_walk_pmd (v4.14) / hmm_vma_handle_pte (v6.12): is_migration_entry with fault →
          // hmm_vma_walk->last = addr; migration_entry_wait(); return -EAGAIN (v6.12: -EBUSY,
          // which dmirror_range_fault retries). Not a fault: handle_mm_fault never runs.
          const w = call(
            k,
            modern ? 'hmm_vma_handle_pte' : 'hmm_vma_walk_pmd',
            FILE,
            `${hexVpn(asVpn(faultAt))}: migration entry → migration_entry_wait, ` +
              (modern ? '-EBUSY' : '-EAGAIN'),
            () => migration_entry_wait(k, entry.pfn),
          );
          if (w === 'WAIT')
            return { ok: false as const, err: 'WAIT' as const, vpn: asVpn(faultAt) };
          if (w === 'HANG') return { ok: false as const, err: 'LIVELOCK' as const };
          continue;
        }
        // hmm_vma_walk_clear: fault every page of this PMD's part of the range.
        const pmdStart = Math.max(start, Math.floor(faultAt / PTRS_PER_PTE) * PTRS_PER_PTE);
        const pmdEnd = Math.min(end, (Math.floor(faultAt / PTRS_PER_PTE) + 1) * PTRS_PER_PTE);
        // v4.14 hmm_vma_walk_clear faults the PMD's part from its start; v6.12 hmm_vma_fault
        // faults from the first page that needs it to the end of the walk's PMD range.
        const from = modern ? faultAt : Math.max(pmdStart, start);
        const failed = call(
          k,
          modern ? 'hmm_vma_fault' : 'hmm_vma_walk_clear',
          FILE,
          `fault [${hexVpn(asVpn(from))}, ${hexVpn(asVpn(pmdEnd))})`,
          () => {
            for (let v = from; v < pmdEnd; v++) {
              const r = modern
                ? handle_mm_fault(k, pid, vma, asVpn(v), write)
                : call(k, 'hmm_vma_do_fault', FILE, hexVpn(asVpn(v)), () =>
                    handle_mm_fault(k, pid, vma, asVpn(v), write),
                  );
              if (r !== 'OK') {
                trace(k, 'hmm_vma_do_fault', FILE, `VM_FAULT_ERROR (${r}): HMM_PFN_ERROR, -EFAULT`);
                return true;
              }
            }
            return false;
          },
        );
        if (failed) return { ok: false as const, err: 'EFAULT' as const };
      }
      return { ok: false as const, err: 'LIVELOCK' as const };
    },
  );
}
