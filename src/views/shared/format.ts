/** How the app prints kernel things: hex like the kernel, sizes in binary units, ops in words. */
import { VALUES_LISTED, exhaustive, hex, valueList } from '../../model';
import type { Op, StepResult } from '../../store/model';

/** The model's hex (ids.ts), for the views that print through this file. */
export { hex };

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** 4096 → "4 KiB", 2^46 → "64 TiB"; one decimal when not whole. */
export function bytes(n: number): string {
  let v = n;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u += 1;
  }
  const s = Number.isInteger(v) ? String(v) : v.toFixed(1);
  return `${s} ${UNITS[u] ?? 'B'}`;
}

export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n} ${n === 1 ? one : many}`;

function range(addr: number, npages: number): string {
  return `${hex(addr)} ×${npages}`;
}

function values(v: readonly number[]): string {
  if (v.length === 0) return '';
  // The op's own values in its code-like line, cut where the words' lists are (valueList).
  const shown = v.slice(0, VALUES_LISTED).join(', ');
  return ` = [${shown}${v.length > VALUES_LISTED ? ', …' : ''}]`;
}

/** One line naming the op, e.g. "write pid 1 0x10000000 ×4 = [10, 11, 12, 13]". */
export function describeOp(op: Op | null): string {
  if (op === null) return 'boot';
  switch (op.op) {
    case 'spawn':
      return `spawn pid ${op.pid}`;
    case 'fork':
      return `fork pid ${op.pid} → pid ${op.child}`;
    case 'exit':
      return `exit pid ${op.pid}`;
    case 'device_add':
      return `device_add ${op.device} (${op.type})`;
    case 'device_remove':
    case 'dmirror_release':
    case 'migrate_pause':
    case 'migrate_resume':
    case 'migrate_fail':
      return `${op.op} ${op.device}`;
    case 'inject':
      return `inject ${op.device} ${op.fault}`;
    case 'mmap':
      return `mmap pid ${op.pid} ${range(op.addr, op.npages)} ${op.prot} ${op.flags.join('|')}`;
    case 'mprotect':
      return `mprotect pid ${op.pid} ${range(op.addr, op.npages)} ${op.prot}`;
    case 'madvise':
      return `madvise pid ${op.pid} ${range(op.addr, op.npages)} ${op.advice}`;
    case 'gup':
      return `gup pid ${op.pid} ${range(op.addr, op.npages)} ${op.flags.join('|')}`;
    case 'write':
      return `write pid ${op.pid} ${range(op.addr, op.npages)}${values(op.values)}`;
    case 'dmirror_write':
      return `dmirror_write ${op.device} pid ${op.pid} ${range(op.addr, op.npages)}${values(op.values)}`;
    case 'munmap':
    case 'read':
    case 'unpin':
    case 'memory_failure':
      return `${op.op} pid ${op.pid} ${range(op.addr, op.npages)}`;
    case 'dmirror_read':
    case 'dmirror_migrate_to_dev':
    case 'dmirror_migrate_to_sys':
    case 'dmirror_snapshot':
    case 'dmirror_exclusive':
    case 'dmirror_check_exclusive':
      return `${op.op} ${op.device} pid ${op.pid} ${range(op.addr, op.npages)}`;
    default:
      return exhaustive(op);
  }
}

/** The result as "key: value" pairs, in the contract's order. */
export function resultPairs(r: StepResult): [string, string][] {
  const out: [string, string][] = [];
  if (r.ret !== undefined) out.push(['ret', String(r.ret)]);
  if (r.cpages !== undefined) out.push(['cpages', String(r.cpages)]);
  if (r.faults !== undefined) out.push(['faults', String(r.faults)]);
  if (r.signal !== undefined) out.push(['signal', r.signal]);
  if (r.oom) out.push(['oom', 'true']);
  if (r.livelock) out.push(['livelock', 'true']);
  if (r.addr !== undefined) out.push(['addr', r.addr]);
  if (r.paused !== undefined) out.push(['paused', r.paused]);
  if (r.waits !== undefined) out.push(['waits', r.waits]);
  if (r.values !== undefined) out.push(['values', valueList(r.values)]);
  if (r.bytes !== undefined)
    out.push([
      'bytes',
      `[${r.bytes.map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(', ')}]`,
    ]);
  for (const w of r.woken ?? []) {
    const said = resultPairs(w.result)
      .map(([key, v]) => `${key} ${v}`)
      .join(', ');
    out.push(['woken', `${w.op} pid ${w.pid}${w.addr ? ` at ${w.addr}` : ''} (${w.on}): ${said}`]);
  }
  return out;
}

/** The sentence a screen reader hears on every step. */
export function stepAnnouncement(
  cursor: number,
  length: number,
  note: string | null,
  op: Op | null,
): string {
  const last = Math.max(0, length - 1);
  return `Step ${cursor} of ${last}: ${note ?? describeOp(op)}`;
}
