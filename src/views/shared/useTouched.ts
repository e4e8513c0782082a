import { useMemo } from 'react';
import { useApp } from '../../store/context';
import { selectFrame } from '../../store/selectors';
import { pteKey } from '../../store/selection';

const EMPTY: ReadonlySet<string> = new Set();

/** Keys (pteKey) of the PTEs this step changed, memoised per frame. */
export function useTouchedPtes(): ReadonlySet<string> {
  const frame = useApp(selectFrame);
  return useMemo(
    () => (frame ? new Set(frame.touched.ptes.map((t) => pteKey(t.pid, t.vpn))) : EMPTY),
    [frame],
  );
}

/** The pfns this step changed, memoised per frame. */
export function useTouchedPfns(): ReadonlySet<number> {
  const frame = useApp(selectFrame);
  return useMemo(() => new Set<number>(frame?.touched.pfns ?? []), [frame]);
}
