/**
 * The PTE a step is about, whatever it changed: the first page its op names (a process and an
 * address). A step that changes nothing in memory (a snapshot through the device, a read of a
 * present page, a refused call) has no change to bring into view; the map shows this row instead,
 * so the picture still shows what the step looked at (e.g. the child's PTEs, at the fork
 * scenario's dmirror_snapshot of pid 2).
 */
import { PAGE_SHIFT } from '../../model';
import type { Frame } from '../../store/model';

export interface SubjectPte {
  readonly pid: number;
  readonly vpn: number;
}

export function subjectPte(frame: Pick<Frame, 'op'>): SubjectPte | null {
  const op = frame.op;
  if (!op || !('pid' in op) || !('addr' in op) || typeof op.addr !== 'number') return null;
  return { pid: op.pid, vpn: Math.floor(op.addr / 2 ** PAGE_SHIFT) };
}
