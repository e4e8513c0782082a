/**
 * CPU loads and stores (arch/x86/mm/fault.c __do_page_fault): a store or load that the PTE does not
 * allow traps; a bad address or permission is SIGSEGV, VM_FAULT_SIGBUS/HWPOISON is SIGBUS,
 * VM_FAULT_OOM calls pagefault_out_of_memory. The access is replayed after every fault; a fault
 * that repeats with nothing changed is reported as a livelock instead of being spun.
 */
import type { Kernel } from './kernel';
import { counters, enter, getPte, leave, page, proc, trace, procOrNull } from './kernel';
import type { VmFault } from './fault_types';
import type { Pid, Pte, Vpn } from './types';
import type { Op, StepResult } from './ops';
import { Errno } from './ops';
import { asVpn, hexVpn, vpnToAddr } from './ids';
import { sleep_on_page } from './migrate_inflight';
import { handle_mm_fault } from './memory';
import { find_vma, vmaWritable } from './mm';
import { do_exit } from './fork';
import { exhaustive } from './exhaustive';
import { eventSite } from './event_log';

const FILE = 'arch/x86/mm/fault.c';
/** A fault that leaves the PTE exactly as it was this many times in a row is a livelock. */
const SAME_FAULT_LIMIT = 3;

type Access =
  | { ok: true; value: number }
  | { ok: false; result: StepResult }
  /** migration_entry_wait put the task to sleep on a page a paused migration holds. */
  | { ok: false; wait: true };

/** The entry is exactly as it was (the same object, both none, or the same text). */
const sameEntry = (a: Pte | undefined, b: Pte | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b));

function allows(
  pte: Pte | undefined,
  write: boolean,
): pte is Extract<Pte, { kind: 'present' | 'devmap' }> {
  return (pte?.kind === 'present' || pte?.kind === 'devmap') && (!write || pte.write);
}

const TRAP = eventSite<boolean, Vpn>(
  '__do_page_fault',
  FILE,
  (write, vpn) => `${write ? 'store to' : 'load from'} ${hexVpn(vpn)} traps`,
);

function accessOne(k: Kernel, pid: Pid, vpn: Vpn, write: boolean, value: number): Access {
  let repeats = 0;
  for (let attempt = 0; ; attempt++) {
    const pte = getPte(k, pid, vpn);
    if (allows(pte, write)) {
      const pg = page(k, pte.pfn);
      if (write) pg.value = value;
      return { ok: true, value: pg.value };
    }
    const vma = find_vma(k, pid, vpn);
    if (!vma || vma.prot === 'none' || (write && !vmaWritable(vma))) {
      return {
        ok: false,
        result: signal(
          k,
          pid,
          'SIGSEGV',
          hexVpn(vpn),
          vma ? 'access not allowed by the VMA' : 'no VMA here',
        ),
      };
    }
    enter(k, TRAP, write, vpn, 0);
    let r: VmFault;
    try {
      r = handle_mm_fault(k, pid, vma, vpn, write);
    } finally {
      leave(k);
    }
    switch (r) {
      case 'OK':
        break;
      case 'SIGBUS':
      case 'HWPOISON':
        return {
          ok: false,
          result: signal(
            k,
            pid,
            'SIGBUS',
            hexVpn(vpn),
            r === 'SIGBUS' ? 'VM_FAULT_SIGBUS' : 'VM_FAULT_HWPOISON',
          ),
        };
      case 'SIGSEGV':
        return { ok: false, result: signal(k, pid, 'SIGSEGV', hexVpn(vpn), 'bad access') };
      case 'OOM':
        trace(
          k,
          'pagefault_out_of_memory',
          'mm/oom_kill.c',
          'VM_FAULT_OOM: the OOM killer would now pick a victim; the access stops here',
        );
        return { ok: false, result: { oom: true, addr: hexVpn(vpn) } };
      case 'HANG':
        return { ok: false, result: { livelock: true, addr: hexVpn(vpn) } };
      case 'WAIT':
        return { ok: false, wait: true };
      default:
        return exhaustive(r);
    }
    const after = getPte(k, pid, vpn);
    repeats = sameEntry(pte, after) ? repeats + 1 : 0;
    if (repeats >= SAME_FAULT_LIMIT || attempt > 16) {
      trace(
        k,
        '__do_page_fault',
        FILE,
        `the same fault at ${hexVpn(vpn)} repeats and nothing changes: livelock, stopped`,
      );
      return { ok: false, result: { livelock: true, addr: hexVpn(vpn) } };
    }
  }
}

function signal(
  k: Kernel,
  pid: Pid,
  sig: 'SIGSEGV' | 'SIGBUS',
  at: string,
  why: string,
): StepResult {
  counters(k).signals += 1;
  const fn = sig === 'SIGSEGV' ? 'bad_area' : 'do_sigbus';
  trace(k, fn, FILE, `${why} at ${at}: ${sig} (default action: the process dies)`);
  proc(k, pid).signals.push(sig);
  do_exit(k, pid, sig);
  return { signal: sig, addr: at };
}

/** One CPU load or store per page of [start, start + n). */
export function cpu_access(
  k: Kernel,
  pid: Pid,
  start: Vpn,
  n: number,
  values: readonly number[] | null,
): StepResult {
  const write = values !== null;
  const p = procOrNull(k, pid);
  if (!p?.alive) return { ret: -Errno.ESRCH };
  const read: number[] = [];
  for (let i = 0; i < n; i++) {
    const vpn = asVpn(start + i);
    const r = accessOne(k, pid, vpn, write, values?.[i] ?? 0);
    if (!r.ok && 'wait' in r) {
      // The rest of the access, from this page on, runs when the page is unlocked.
      const addr = vpnToAddr(vpn);
      const rest: Op = values
        ? { op: 'write', pid, addr, npages: n - i, values: values.slice(i) }
        : { op: 'read', pid, addr, npages: n - i };
      sleep_on_page(k, pid, vpn, rest);
      const waits = { waits: 'migration_entry' as const, addr: hexVpn(vpn) };
      return write ? waits : { ...waits, values: read };
    }
    if (!r.ok) return write ? r.result : { ...r.result, values: read };
    // A store reads nothing back (a 65,536-page write kept 65,536 values it never returned).
    if (!write) read.push(r.value);
  }
  return write ? { ret: 0 } : { ret: 0, values: read };
}
