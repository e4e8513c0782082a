/**
 * After a view threw, make the address bar safe to reload: the fragment of the scenario on screen
 * without the selection (when there was one), else at step 0, else no fragment at all (the default
 * built-in). Each reload after a crash thus retreats one level, and never crashes the same way.
 */
import type { AppState } from '../../store/types';
import { fragmentFor } from '../share/linkSource';

export type Repair = 'selection' | 'step' | 'scenario';

export function repairLevel(s: Pick<AppState, 'selection' | 'cursor'>): Repair {
  if (s.selection !== null) return 'selection';
  if (s.cursor !== 0) return 'step';
  return 'scenario';
}

/** The URL to put in the address bar instead of the current one. */
export function repairedUrl(
  s: Pick<AppState, 'scenario' | 'selection' | 'cursor'>,
  loc: Pick<Location, 'pathname' | 'search'>,
): string {
  const level = repairLevel(s);
  const bare = `${loc.pathname}${loc.search}`;
  if (level === 'scenario') return bare;
  const r = fragmentFor({
    scenario: s.scenario,
    cursor: level === 'selection' ? s.cursor : 0,
    selection: null,
  });
  return r.ok ? r.fragment : bare;
}

/** Never throws: the boundary calls it while handling an error. */
export function repairAddressBar(s: AppState): void {
  try {
    const hash = new URL(repairedUrl(s, location), location.href).hash;
    if (hash !== location.hash) history.replaceState(null, '', repairedUrl(s, location));
  } catch {
    // Nothing more to do: the fallback still offers the ways back.
  }
}
