import { useMemo } from 'react';
import { useApp } from '../../store/context';
import { selectFrame } from '../../store/selectors';
import type { Frame, Pfn, Pid, Vpn } from '../../model';

/** The PTEs a step changed, asked by pid and vpn. */
export interface TouchedPtes {
  has(pid: Pid, vpn: Vpn): boolean;
}

/**
 * Numbers per pid, not a "pid:vpn" string per PTE: a 65,536-page write built 65,536 strings in
 * the step's render for the few hundred cells the Page tables panel draws.
 */
function touchedPtes(ptes: Frame['touched']['ptes']): TouchedPtes {
  const byPid = new Map<number, Set<number>>();
  for (const { pid, vpn } of ptes) {
    let s = byPid.get(pid);
    if (!s) byPid.set(pid, (s = new Set()));
    s.add(vpn);
  }
  return { has: (pid, vpn) => byPid.get(pid)?.has(vpn) ?? false };
}

const NONE: TouchedPtes = { has: () => false };

/** The PTEs this step changed, memoised per frame. */
export function useTouchedPtes(): TouchedPtes {
  const frame = useApp(selectFrame);
  return useMemo(() => (frame ? touchedPtes(frame.touched.ptes) : NONE), [frame]);
}

/** The pfns this step changed, memoised per frame. */
export function useTouchedPfns(): ReadonlySet<Pfn> {
  const frame = useApp(selectFrame);
  return useMemo(() => new Set<Pfn>(frame?.touched.pfns ?? []), [frame]);
}
