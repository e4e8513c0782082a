/**
 * Narration made from the model, for steps that have no hand-written note, and a one-sentence
 * plain-language summary for every step. Pure: a frame and the frame before it in, text out.
 */
import type { Frame, KernelState, Op, Prot, StepResult, WokenResult } from '../model';
import { exhaustive, hex, processList, processOf, thousands, valueList } from '../model';

const pages = (n: number): string => (n === 1 ? 'one page' : `${thousands(n)} pages`);

/** What the program asked for, in words. */
export function opWords(op: Op): string {
  switch (op.op) {
    case 'spawn':
      return `pid ${op.pid} starts`;
    case 'fork':
      return `pid ${op.pid} forks pid ${op.child}`;
    case 'exit':
      return `pid ${op.pid} exits`;
    case 'device_add':
      return `device ${op.device} is probed with ${op.type} device memory`;
    case 'device_remove':
      return `device ${op.device} is removed`;
    case 'dmirror_release':
      return `device ${op.device} is released`;
    case 'inject':
      return `device ${op.device} is told to fail with ${op.fault}`;
    case 'mmap':
      return `pid ${op.pid} maps ${pages(op.npages)} at ${hex(op.addr)} (${op.prot}, ${op.flags.join('|')})`;
    case 'munmap':
      return `pid ${op.pid} unmaps ${pages(op.npages)} at ${hex(op.addr)}`;
    case 'mprotect':
      return `pid ${op.pid} changes ${pages(op.npages)} at ${hex(op.addr)} to ${op.prot}`;
    case 'madvise':
      return `pid ${op.pid} advises ${op.advice} on ${pages(op.npages)} at ${hex(op.addr)}`;
    case 'read':
      return `pid ${op.pid} loads ${pages(op.npages)} at ${hex(op.addr)}`;
    case 'write':
      return `pid ${op.pid} stores ${valueList(op.values)} into ${pages(op.npages)} at ${hex(op.addr)}`;
    case 'gup':
      return `pid ${op.pid} pins ${pages(op.npages)} at ${hex(op.addr)} with get_user_pages`;
    case 'unpin':
      return `pid ${op.pid} unpins ${pages(op.npages)} at ${hex(op.addr)}`;
    case 'memory_failure':
      return `the frames behind ${pages(op.npages)} of pid ${op.pid} at ${hex(op.addr)} report memory errors`;
    case 'dmirror_read':
      return `device ${op.device} reads ${pages(op.npages)} of pid ${op.pid} at ${hex(op.addr)}`;
    case 'dmirror_write':
      return `device ${op.device} writes ${pages(op.npages)} of pid ${op.pid} at ${hex(op.addr)}`;
    case 'dmirror_migrate_to_dev':
      return `device ${op.device} migrates ${pages(op.npages)} of pid ${op.pid} at ${hex(op.addr)} to device memory`;
    case 'dmirror_migrate_to_sys':
      return `device ${op.device} migrates ${pages(op.npages)} of pid ${op.pid} at ${hex(op.addr)} back to system memory`;
    case 'dmirror_snapshot':
      return `device ${op.device} snapshots ${pages(op.npages)} of pid ${op.pid} at ${hex(op.addr)}`;
    case 'dmirror_exclusive':
    case 'dmirror_check_exclusive':
      return `device ${op.device} asks for exclusive access (${op.op})`;
    case 'migrate_pause':
      return `device ${op.device}'s next migration will stop after its unmap stage`;
    case 'migrate_resume':
      return `device ${op.device}'s paused migration resumes`;
    case 'migrate_fail':
      return `device ${op.device}'s paused migration resumes, but its copy fails`;
    default:
      return exhaustive(op);
  }
}

export const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The outcome of the step's result, in one clause. */
export function outcomeWords(r: StepResult | null): string {
  if (!r) return '';
  if (r.livelock)
    return `the fault at ${r.addr ?? 'the page'} repeats without progress: a livelock`;
  if (r.signal) return `the access at ${r.addr ?? 'the page'} gets ${r.signal}`;
  if (r.oom) return `the kernel runs out of memory at ${r.addr ?? 'the page'}`;
  // A paused migration: the task sleeps (its op finishes at the resume, reported in `woken`).
  if (r.waits === 'migration_entry')
    return `it sleeps in migration_entry_wait on the migration entry at ${r.addr ?? 'the page'}`;
  if (r.waits === 'mmap_sem') return 'it sleeps on mmap_sem, which the paused migration holds';
  if (r.paused) return `the migration pauses after its unmap stage with cpages = ${r.cpages ?? 0}`;
  if (r.ret !== undefined && r.ret < 0) return `the call fails with ${r.ret}`;
  if (r.values) return `the load returns ${valueList(r.values)}`;
  if (r.cpages !== undefined) return `it returns cpages = ${r.cpages}`;
  return 'it succeeds';
}

/** What a task woken by a resumed (or failed) migration did, in one clause. */
export function wokenWords(w: WokenResult): string {
  return `pid ${w.pid}'s ${w.op} wakes from ${w.on === 'mmap_sem' ? 'mmap_sem' : `the migration entry at ${w.addr ?? 'its page'}`}: ${outcomeWords(w.result)}`;
}

/**
 * The signals a process holds in `s` that it did not hold in `prev`. Here, beside the plain
 * summary that reads it on the first screen, not in diff.ts, which loads with the generated
 * narration.
 */
export function newSignals(prev: KernelState, s: KernelState): { pid: number; signal: string }[] {
  const out: { pid: number; signal: string }[] = [];
  for (const p of processList(s)) {
    const before = processOf(prev, p.pid)?.signals.length ?? 0;
    for (const sig of p.signals.slice(before)) out.push({ pid: p.pid, signal: sig });
  }
  return out;
}

const who = (pid: number): string => `process ${pid}`;

const PROT_WORDS: Readonly<Record<Prot, string>> = {
  none: 'no access',
  r: 'read only',
  rw: 'read and write',
  rx: 'read and run',
  rwx: 'read, write and run',
};

/** One sentence in plain words (no kernel vocabulary) saying what the step did. */
export function plainSummary(prev: Frame, frame: Frame): string {
  const op = frame.op;
  if (op === null) return 'The machine has just booted: no programs, no devices yet.';
  const r = frame.result;
  const failed = r?.ret !== undefined && r.ret < 0;
  const c0 = prev.state.counters;
  const c1 = frame.state.counters;
  const back = c1.migrated_to_system - c0.migrated_to_system;
  const toDev = c1.migrated_to_device - c0.migrated_to_device;
  const sigs = newSignals(prev.state, frame.state);
  if (r?.livelock)
    return `${cap(who('pid' in op ? op.pid : 0))} gets stuck: the kernel cannot bring the page back, so the same fault repeats forever.`;
  if (r?.signal || sigs.length > 0) {
    const s = r?.signal ?? sigs[0]?.signal ?? 'a signal';
    const pid = sigs[0]?.pid ?? ('pid' in op ? op.pid : 0);
    return `${cap(who(pid))} is killed by ${s}: the memory it touched cannot be used.`;
  }
  if (r?.oom) return 'The machine runs out of memory, so the kernel kills a process to recover.';
  if (r?.waits) {
    // A device's fault through HMM sleeps in its driver's thread, not in the process.
    const sleeper =
      'device' in op ? `Device ${op.device}'s request` : cap(who('pid' in op ? op.pid : 0));
    return `${sleeper} has to wait: ${r.waits === 'migration_entry' ? 'the page it touched is in the middle of a move' : 'a move in progress holds the lock on its memory map'}.`;
  }
  if (r?.paused)
    return `The driver starts moving ${pages(r.cpages ?? 0)} to the device and stops halfway: the pages are locked and the program's page table holds placeholders for them.`;
  // A resumed migration's ret is its ioctl's read-back; the move itself happened (or not) anyway.
  const resumes = op.op === 'migrate_resume' || op.op === 'migrate_fail';
  if (failed && !resumes)
    return `The request is refused (error ${r.ret}); nothing changes in memory.`;
  switch (op.op) {
    case 'spawn':
      return `A new program, ${who(op.pid)}, starts with no memory of its own.`;
    case 'fork':
      return `${cap(who(op.pid))} copies itself into ${who(op.child)}; the two share the same pages until one of them writes.`;
    case 'exit':
      return `${cap(who(op.pid))} ends and its memory is given back.`;
    case 'device_add':
      return `A device driver starts and adds the device's own memory to the machine.`;
    case 'device_remove':
    case 'dmirror_release':
      return `The device is unplugged; its pages must first be moved back to main memory.`;
    case 'inject':
      return `From now on the device will ${op.fault === 'none' ? 'work normally' : 'fail on purpose'}.`;
    case 'mmap':
      return `${cap(who(op.pid))} reserves room for ${pages(op.npages)}; nothing is in memory yet.`;
    case 'munmap':
      return `${cap(who(op.pid))} gives up ${pages(op.npages)} of its address space.`;
    case 'mprotect':
      return `${cap(who(op.pid))} changes what it may do with ${pages(op.npages)} (${PROT_WORDS[op.prot]}).`;
    case 'madvise':
      return `${cap(who(op.pid))} tells the kernel it no longer needs the contents of ${pages(op.npages)}.`;
    case 'read':
    case 'write': {
      const verb = op.op === 'read' ? 'reads' : 'writes';
      if (back > 0)
        return `${cap(who(op.pid))} ${verb} memory that lives on the device, so the kernel first copies ${pages(back)} back to main memory.`;
      const fresh = frame.state.ram.free < prev.state.ram.free;
      if (fresh)
        return `${cap(who(op.pid))} ${verb} memory for the first time, so the kernel hands it fresh pages.`;
      return `${cap(who(op.pid))} ${verb} memory that is already in place.`;
    }
    case 'gup':
      return `The kernel pins ${pages(op.npages)} of ${who(op.pid)} so they cannot move while in use.`;
    case 'unpin':
      return `The pinned pages of ${who(op.pid)} are let go and may move again.`;
    case 'memory_failure':
      return `Part of the memory chips under ${who(op.pid)} breaks; the kernel takes those pages out of use.`;
    case 'dmirror_read':
    case 'dmirror_write':
    case 'dmirror_snapshot':
      return `The device looks at ${pages(op.npages)} of ${who(op.pid)} through its own copy of the page table.`;
    case 'dmirror_migrate_to_dev':
      return `The driver moves ${pages(toDev || op.npages)} of ${who(op.pid)} into the device's memory; the program's page table now points at the device.`;
    case 'dmirror_migrate_to_sys':
      return `The driver moves ${pages(back || op.npages)} of ${who(op.pid)} back from the device to main memory.`;
    case 'dmirror_exclusive':
    case 'dmirror_check_exclusive':
      return 'This request belongs to a later kernel and is refused here.';
    case 'migrate_pause':
      return `The device's next move of memory will stop halfway, so we can look at it in flight.`;
    case 'migrate_resume':
      return `The paused move finishes; whoever waited for those pages wakes up and tries again.`;
    case 'migrate_fail':
      return `The paused move gives up: the old pages go back where they were, and whoever waited wakes up.`;
    default:
      return exhaustive(op);
  }
}
