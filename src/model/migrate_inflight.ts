/**
 * Migrations in flight: what a migration paused after its unmap stage holds (its pages locked, the
 * mm's mmap_sem for read) and the tasks that sleep on it. The model is single-threaded: a task
 * that would sleep is recorded here (never spun), and runs the rest of its op when the lock it
 * sleeps on is released — page locks in migrate_vma_finalize (unlock_page → wake_up_page), the
 * mmap_sem when the ioctl returns (up_read).
 */
import type { Kernel } from './kernel';
import { call, page, trace } from './kernel';
import type { KernelState, PausedMigration, Pfn, Pid, Vpn, Waiter } from './types';
import type { Op, StepResult, WokenResult } from './ops';
import { hex, hexVpn } from './ids';
import { lookupPage } from './page_store';
import { put_page } from './swap';

/** The paused migration that holds pfn locked (one of its src pages), if any. */
export function pausedHolding(s: KernelState, pfn: Pfn): PausedMigration | undefined {
  return s.inflight?.find((p) => p.migrate.src.some((e) => e.pfn === pfn));
}

/** The paused migration whose ioctl holds pid's mmap_sem for read, if any. */
export function mmapSemHolder(s: KernelState, pid: number): PausedMigration | undefined {
  return s.inflight?.find((p) => p.migrate.pid === pid);
}

/** The paused migration a device's ioctl is in, if any. */
export function pausedOn(s: KernelState, device: string): PausedMigration | undefined {
  return s.inflight?.find((p) => p.device === device);
}

/** Ops that take the mm's mmap_sem for write (down_write): they sleep behind a paused migration. */
export function takesMmapSemForWrite(op: Op): op is Extract<Op, { pid: number }> {
  switch (op.op) {
    case 'mmap':
    case 'munmap':
    case 'mprotect':
    case 'fork':
    case 'exit':
      return true;
    default:
      return false;
  }
}

/** down_write(&mm->mmap_sem) while a paused migration holds it for read: the task sleeps. */
export function sleep_on_mmap_sem(k: Kernel, op: Extract<Op, { pid: number }>): StepResult {
  const holder = mmapSemHolder(k.s, op.pid);
  const fn = op.op === 'fork' ? 'dup_mmap' : op.op === 'exit' ? 'exit_mm' : 'down_write_killable';
  trace(
    k,
    fn,
    op.op === 'fork' ? 'kernel/fork.c' : 'kernel/locking/rwsem.c',
    `pid ${op.pid}'s mmap_sem is held for read by ${holder?.device ?? '?'}'s paused migration: ` +
      `${op.op} sleeps until the ioctl's up_read`,
  );
  (k.s.waiters ??= []).push({ on: 'mmap_sem', pid: op.pid as Pid, op: plainOp(op) });
  return { waits: 'mmap_sem' };
}

/**
 * The task that took migration_entry_wait's sleep (k.sleepOn) goes on the page's wait queue with
 * `rest`, the part of its op still to do from `vpn` on.
 */
export function sleep_on_page(k: Kernel, pid: Pid, vpn: Vpn, rest: Op): void {
  const at = k.sleepOn;
  k.sleepOn = null;
  if (!at) throw new Error('sleep_on_page without migration_entry_wait');
  const w: Waiter = {
    on: 'migration_entry',
    pid,
    op: plainOp(rest),
    pfn: at.pfn,
    vpn,
    ...(at.ref ? { ref: true as const } : {}),
  };
  (k.s.waiters ??= []).push(w);
  trace(
    k,
    'wait_on_page_locked',
    'include/linux/pagemap.h',
    `pid ${pid} sleeps on locked pfn ${hex(at.pfn)} (${hexVpn(vpn)}): the step ends here; the ` +
      'fault is retried when the migration finishes or fails',
  );
}

/** A copy the state can own (the op may be the caller's object or part of a draft). */
const plainOp = (op: Op): Op => JSON.parse(JSON.stringify(op)) as Op;

const ready = (s: KernelState, w: Waiter): boolean =>
  w.on === 'migration_entry'
    ? w.pfn === undefined || !lookupPage(s, w.pfn)?.locked
    : !mmapSemHolder(s, w.pid);

/**
 * Wake every task whose lock is free now (page waiters first: their locks were dropped in
 * migrate_vma_finalize, before the ioctl's up_read) and run what each still had to do.
 */
export function wake_waiters(k: Kernel, run: (op: Op) => StepResult): WokenResult[] {
  const out: WokenResult[] = [];
  for (let round = 0; round < 8; round++) {
    const list = k.s.waiters ?? [];
    const woken = list.filter((w) => ready(k.s, w));
    if (woken.length === 0) break;
    const rest = list.filter((w) => !ready(k.s, w));
    if (rest.length > 0) k.s.waiters = rest;
    else delete k.s.waiters;
    const ordered = [
      ...woken.filter((w) => w.on === 'migration_entry'),
      ...woken.filter((w) => w.on === 'mmap_sem'),
    ].map((w) => ({ ...w, op: plainOp(w.op) }));
    for (const w of ordered) out.push(wake_one(k, w, run));
  }
  return out;
}

function wake_one(k: Kernel, w: Waiter, run: (op: Op) => StepResult): WokenResult {
  const page_ = w.on === 'migration_entry';
  const addr = w.vpn !== undefined ? hexVpn(w.vpn) : undefined;
  const result = call(
    k,
    page_ ? 'wake_up_page' : 'up_read',
    page_ ? 'mm/filemap.c' : 'kernel/locking/rwsem.c',
    page_
      ? `pfn ${w.pfn !== undefined ? hex(w.pfn) : '?'} unlocked: pid ${w.pid}'s ${w.op.op} retries the fault at ${addr ?? '?'}`
      : `mmap_sem released: pid ${w.pid}'s ${w.op.op} runs now`,
    () => {
      if (w.ref && w.pfn !== undefined) {
        page(k, w.pfn);
        put_page(k, w.pfn, '__migration_entry_wait: put_page after wait_on_page_locked');
      }
      return run(w.op);
    },
  );
  return { op: w.op.op, pid: w.pid, on: w.on, ...(addr ? { addr } : {}), result };
}
