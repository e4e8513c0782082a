import { useMemo } from 'react';
import { useApp } from '../../store/context';
import { selectFrame } from '../../store/selectors';
import { pteKey, type Pfn, type PteKey } from '../../model';

const EMPTY: ReadonlySet<PteKey> = new Set();

/** The PTEs this step changed, memoised per frame. */
export function useTouchedPtes(): ReadonlySet<PteKey> {
  const frame = useApp(selectFrame);
  return useMemo(
    () => (frame ? new Set(frame.touched.ptes.map((t) => pteKey(t.pid, t.vpn))) : EMPTY),
    [frame],
  );
}

/** The pfns this step changed, memoised per frame. */
export function useTouchedPfns(): ReadonlySet<Pfn> {
  const frame = useApp(selectFrame);
  return useMemo(() => new Set<Pfn>(frame?.touched.pfns ?? []), [frame]);
}
