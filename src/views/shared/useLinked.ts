import { useMemo } from 'react';
import { useApp } from '../../store/context';
import { selectKernel, selectSelection } from '../../store/selectors';
import type { Linked } from '../../store/selection';
import { linkedTo } from '../../store/selection';

/** What the current selection links to at the cursor, memoised per state and selection. */
export function useLinked(): Linked {
  const state = useApp(selectKernel);
  const sel = useApp(selectSelection);
  return useMemo(() => linkedTo(state, sel), [state, sel]);
}
