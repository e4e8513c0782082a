/**
 * A livelocked access changes nothing in memory, so the diff is empty; the map still marks the PTE
 * whose fault kept repeating (the step's result names its address, the op its process).
 */
import { PAGE_SHIFT } from '../../model';
import type { Frame } from '../../store/model';

export interface StuckPte {
  readonly pid: number;
  readonly vpn: number;
}

/** The PTE a livelocked fault kept hitting in this frame's step, or null. */
export function stuckPte(frame: Pick<Frame, 'op' | 'result'>): StuckPte | null {
  const r = frame.result;
  const op = frame.op;
  if (!r?.livelock || r.addr === undefined || !op || !('pid' in op)) return null;
  const a = Number.parseInt(r.addr, 16);
  if (!Number.isFinite(a)) return null;
  return { pid: op.pid, vpn: Math.floor(a / 2 ** PAGE_SHIFT) };
}
