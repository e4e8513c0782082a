/**
 * One scenario operation = one immer produce over the kernel state. Every op is dispatched by an
 * exhaustive switch; each returns the contract's result; the kernel functions it ran are recorded.
 */
import { produce } from 'immer';
import type { KernelEvent, Op, StepResult, Violation } from './ops';
import { Errno } from './ops';
import type { KernelState, Pfn, PteRef, Vpn } from './types';
import type { Drivers, Kernel } from './kernel';
import {
  driverOf,
  dropPage,
  newKernel,
  procOrNull,
  settlePages,
  syncKernel,
  trace,
} from './kernel';
import { freezesSteps } from './immer_mode';
import type { EventLog } from './event_log';
import type { EventReader } from './kernel_events';
import { asDeviceId, asPid, asVpn, addrToVpn, vpnToAddr } from './ids';
import {
  abandonTableStep,
  beginTableStep,
  draftedSet,
  endTableStep,
  readingTables,
  tableGet,
} from './table';
import { isIdle } from './page_store';
import { isModern } from './eras/spec';
import { modernCore } from './eras/modern';
import { cpu_access } from './fault';
import { do_mmap, do_munmap } from './mmap';
import { do_mprotect } from './mprotect';
import { do_madvise } from './madvise';
import { do_exit, do_fork, newProcess } from './fork';
import { get_user_pages, unpin_user_pages } from './gup';
import { memory_failure_range } from './memory_failure';
import { checkInvariants, type PfnSet } from './invariants';
import { exhaustive } from './exhaustive';
import { own } from './own';
import {
  mmapSemHolder,
  sleep_on_mmap_sem,
  sleep_on_page,
  takesMmapSemForWrite,
  wake_waiters,
} from './migrate_inflight';

/** What a step changed: page frames (ascending) and PTEs (in the order first written). */
export interface Touched {
  readonly pfns: readonly Pfn[];
  readonly ptes: readonly PteRef[];
}

export interface StepOutput {
  readonly state: KernelState;
  readonly result: StepResult;
  /** The step's events as objects, made from its compact log when first read. */
  readonly events: readonly KernelEvent[];
  /** The same events read from the log one at a time (what a trace indexes and packs). */
  readonly eventLog: EventReader;
  readonly violations: readonly Violation[];
  readonly touched: Touched;
}

const ret = (r: number): StepResult => ({ ret: r });

function alive(k: Kernel, pid: number): boolean {
  return procOrNull(k, pid)?.alive === true;
}

function deviceReady(k: Kernel, id: string): boolean {
  const d = own(k.s.devices, id);
  return d !== undefined && !d.removed;
}

/** The driver bound to a device (deviceReady has checked that it exists). */
function deviceDriver(k: Kernel, id: string) {
  const d = own(k.s.devices, id);
  return driverOf(k, d ? d.driver : k.drivers.defaultDriver);
}

function runOp(k: Kernel, op: Op): StepResult {
  if (takesMmapSemForWrite(op) && alive(k, op.pid) && mmapSemHolder(k.s, op.pid))
    return sleep_on_mmap_sem(k, op);
  return op.op === 'spawn' || op.op === 'exit' || op.op === 'fork'
    ? runTaskOp(k, op)
    : runMmOp(k, op);
}

/** The op, then every task its lock releases (a resumed or failed migration's waiters). */
function runStep(k: Kernel, op: Op): StepResult {
  const result = runOp(k, op);
  if (!k.s.waiters) return result;
  const woken = wake_waiters(k, (rest) => runOp(k, rest));
  return woken.length > 0 ? { ...result, woken } : result;
}

type TaskOp = Extract<Op, { op: 'spawn' | 'exit' | 'fork' }>;

function runTaskOp(k: Kernel, op: TaskOp): StepResult {
  switch (op.op) {
    case 'spawn':
      if (procOrNull(k, op.pid)) return ret(-Errno.EBUSY);
      draftedSet(k.s.processes, op.pid, newProcess(asPid(op.pid), null));
      trace(k, 'execve', 'fs/exec.c', `pid ${op.pid} starts with an empty mm`);
      return ret(0);
    case 'exit':
      if (!alive(k, op.pid)) return ret(-Errno.ESRCH);
      do_exit(k, asPid(op.pid), 'exit()');
      return ret(0);
    case 'fork':
      if (!alive(k, op.pid)) return ret(-Errno.ESRCH);
      if (procOrNull(k, op.child)) return ret(-Errno.EBUSY);
      return ret(do_fork(k, asPid(op.pid), asPid(op.child)));
    default:
      return exhaustive(op);
  }
}

function runMmOp(k: Kernel, op: Exclude<Op, TaskOp>): StepResult {
  if ('pid' in op && !alive(k, op.pid)) {
    trace(k, 'find_task_by_vpid', 'kernel/pid.c', `pid ${op.pid} is not running: -ESRCH`);
    return ret(-Errno.ESRCH);
  }
  if ('device' in op && op.op !== 'device_add' && !deviceReady(k, op.device)) {
    trace(k, 'dmirror_fops_open', 'lib/test_hmm.c', `${op.device} is not bound: -ENODEV`);
    return ret(-Errno.ENODEV);
  }
  const v = (addr: number): Vpn => addrToVpn(addr);
  switch (op.op) {
    case 'mmap':
      return ret(do_mmap(k, asPid(op.pid), v(op.addr), op.npages, op.prot, op.flags));
    case 'munmap':
      return ret(do_munmap(k, asPid(op.pid), v(op.addr), op.npages));
    case 'mprotect':
      return ret(do_mprotect(k, asPid(op.pid), v(op.addr), op.npages, op.prot));
    case 'madvise':
      return ret(do_madvise(k, asPid(op.pid), v(op.addr), op.npages, op.advice));
    case 'read':
      return cpu_access(k, asPid(op.pid), v(op.addr), op.npages, null);
    case 'write':
      return cpu_access(k, asPid(op.pid), v(op.addr), op.npages, op.values);
    case 'gup': {
      if (op.flags.includes('longterm') && isModern(k.s)) {
        trace(k, 'pin_user_pages', 'mm/gup.c', 'FOLL_PIN | FOLL_LONGTERM: __gup_longterm_locked');
      } else if (op.flags.includes('longterm')) {
        trace(
          k,
          'get_user_pages',
          'mm/gup.c',
          'FOLL_LONGTERM does not exist in v4.14: a plain GUP',
        );
      }
      const g = get_user_pages(k, asPid(op.pid), v(op.addr), op.npages, {
        write: op.flags.includes('write'),
        dump: op.flags.includes('dump'),
        pin: op.flags.includes('longterm') && isModern(k.s),
      });
      if (g.livelock !== undefined) return { livelock: true, addr: g.livelock, cpages: g.pinned };
      if (g.wait !== undefined) {
        // The rest of the walk (from the page it sleeps on) runs when the page is unlocked.
        const vpn = v(op.addr) + g.pinned;
        const rest: Op = { ...op, addr: vpnToAddr(asVpn(vpn)), npages: op.npages - g.pinned };
        sleep_on_page(k, asPid(op.pid), asVpn(vpn), rest);
        return { waits: 'migration_entry', addr: g.wait, cpages: g.pinned };
      }
      if (op.flags.includes('longterm') && isModern(k.s))
        modernCore().check_and_migrate_movable_pages(k, asPid(op.pid), v(op.addr), g.pinned);
      return { ret: g.ret, cpages: g.pinned };
    }
    case 'unpin':
      return { ret: 0, cpages: unpin_user_pages(k, asPid(op.pid), v(op.addr), op.npages) };
    case 'memory_failure':
      return ret(memory_failure_range(k, asPid(op.pid), v(op.addr), op.npages));
    case 'device_add':
      // Driver bind: the image's default driver probes the new device.
      return ret(
        driverOf(k, k.drivers.defaultDriver).fops.probe(k, asDeviceId(op.device), op.type),
      );
    case 'device_remove':
      if (migrationUses(k, op.device)) {
        trace(
          k,
          'dmirror_device_remove',
          'lib/test_hmm.c',
          `${op.device}: a paused migration still runs in its ioctl or holds its pages: -EBUSY`,
        );
        return ret(-Errno.EBUSY);
      }
      return ret(deviceDriver(k, op.device).fops.remove(k, asDeviceId(op.device)));
    case 'inject':
    case 'dmirror_read':
    case 'dmirror_write':
    case 'dmirror_migrate_to_dev':
    case 'dmirror_migrate_to_sys':
    case 'dmirror_snapshot':
    case 'dmirror_exclusive':
    case 'dmirror_check_exclusive':
    case 'dmirror_release':
    case 'migrate_pause':
    case 'migrate_resume':
    case 'migrate_fail':
      // The device's character device: its driver's file_operations.
      return deviceDriver(k, op.device).fops.ioctl(k, op);
    default:
      return exhaustive(op);
  }
}

/** A paused migration runs in this device's ioctl, or holds one of its pages locked. */
function migrationUses(k: Kernel, device: string): boolean {
  return (k.s.inflight ?? []).some(
    (p) =>
      p.device === device ||
      p.migrate.src.some((e) => e.pfn !== null && tableGet(k.s.pages, e.pfn)?.device === device),
  );
}

/** Drop pages that became idle, so the state holds only what a reader would want to see. */
function sweepIdle(k: Kernel, touched: readonly Pfn[]): void {
  const idleRef = k.spec.deviceIdleRef;
  for (const pfn of touched) {
    const p = tableGet(k.pages, pfn);
    if (p && isIdle(p, idleRef)) dropPage(k, pfn);
  }
}

/** One step of the kernel image whose drivers are `drivers` (src/model/vmlinux.ts binds them). */
export function stepWith(drivers: Drivers, state: KernelState, op: Op): StepOutput {
  const holder: {
    out?: Omit<StepOutput, 'state' | 'events' | 'eventLog'> & {
      readonly log: EventLog;
      /** The set of touched.pfns, for the invariant check (it need not build its own). */
      readonly pfnSet: PfnSet;
    };
  } = {};
  const next = produce(state, (draft) => {
    const k = newKernel(draft, drivers);
    beginTableStep(freezesSteps());
    try {
      const result = runStep(k, op);
      syncKernel(k);
      // The index set lists its keys ascending; sweeping adds none (it drops touched pages).
      const pfns = k.touchedPfns.keys();
      sweepIdle(k, pfns);
      settlePages(k);
      endTableStep();
      const touched: Touched = { pfns, ptes: k.touchedPtes };
      const log = k.events;
      holder.out = {
        result,
        log,
        violations: k.runtimeViolations,
        touched,
        pfnSet: k.touchedPfns,
      };
    } finally {
      abandonTableStep();
    }
  });
  const o = holder.out;
  if (!o) throw new Error('step produced nothing');
  // Invariants read the finished, frozen state: only what this step touched is checked.
  const violations = [
    ...o.violations,
    ...readingTables(() => checkInvariants(next, o.touched, state, o.pfnSet)),
  ];
  // The events are made from the step's compact log when first read (event_log.ts).
  let events: readonly KernelEvent[] | null = null;
  const { log } = o;
  return {
    state: next,
    result: o.result,
    get events(): readonly KernelEvent[] {
      return (events ??= log.events());
    },
    eventLog: log,
    violations,
    touched: o.touched,
  };
}
