/**
 * The PTE a step is about, whatever it changed: the first page its op names (a process and an
 * address). A step that changes nothing in memory (a snapshot through the device, a read of a
 * present page, a refused call) has no change to bring into view; the map shows this row instead,
 * so the picture still shows what the step looked at (e.g. the child's PTEs, at the fork
 * scenario's dmirror_snapshot of pid 2).
 */
import { PAGE_SHIFT } from '../../model';
import type { Frame } from '../../store/model';
import type { StuckPte } from './stuck';

/** A process's PTE, as stuck.ts names the livelocked one. */
export type SubjectPte = StuckPte;

/** "pid:vpn": how the scene builder is told which PTE rows to break out of their runs. */
export const pteKey = (p: SubjectPte): string => `${p.pid}:${p.vpn}`;

export function subjectPte(frame: Pick<Frame, 'op'>): SubjectPte | null {
  const op = frame.op;
  if (!op || !('pid' in op) || !('addr' in op) || typeof op.addr !== 'number') return null;
  return { pid: op.pid, vpn: Math.floor(op.addr / 2 ** PAGE_SHIFT) };
}
