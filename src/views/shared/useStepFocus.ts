import { useEffect } from 'react';
import type { RefObject } from 'react';
import { focusPanel, parseFocus, type FocusPanel } from '../../scenarios/focus';
import { useApp } from '../../store/context';
import { selectFocusText } from '../../store/selectors';
import type { AppState } from '../../store/types';

/** The panel the step on screen brings forward (its `focus`, a map object is on the map). */
export function focusedPanel(s: AppState): FocusPanel | null {
  const text = selectFocusText(s);
  const f = text === null ? null : parseFocus(text);
  return f === null ? null : focusPanel(f);
}

/**
 * Is panel `name` the step's focus? On every step that names it, scroll it into view (nearest:
 * no jump when it is already on screen). Keyboard focus stays where the user put it.
 */
export function useStepFocus(name: string, ref: RefObject<HTMLElement | null>): boolean {
  // The cursor when this panel is the focus, else -1: a new focused step re-runs the effect.
  const at = useApp((s) => (focusedPanel(s) === name ? s.cursor : -1));
  useEffect(() => {
    if (at < 0) return;
    const el = ref.current;
    if (el && typeof el.scrollIntoView === 'function')
      el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [at, ref]);
  return at >= 0;
}
