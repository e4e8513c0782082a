/**
 * The views an export can take, found by their test hooks (each Panel is
 * `[data-testid="view-<name>"]`), and the one the user last touched ("the current view").
 */

export const ALL_VIEWS = 'all';

export interface ViewTarget {
  readonly name: string;
  readonly title: string;
  readonly element: HTMLElement;
}

export function viewTargets(root: ParentNode = document): ViewTarget[] {
  const out: ViewTarget[] = [];
  for (const el of root.querySelectorAll<HTMLElement>('[data-testid^="view-"]')) {
    const name = (el.dataset.testid ?? '').slice('view-'.length);
    if (name === '' || el.offsetParent === null) continue;
    out.push({ name, title: el.querySelector('h2')?.textContent ?? name, element: el });
  }
  return out;
}

let current: string | null = null;

/** The view that last had a click or focus in it. */
export function currentViewName(): string | null {
  return current;
}

/** Follow clicks and focus into views; returns the unsubscribe. */
export function trackCurrentView(): () => void {
  const on = (e: Event) => {
    const t = e.target;
    if (!(t instanceof Element)) return;
    const panel = t.closest<HTMLElement>('[data-testid^="view-"]');
    if (panel) current = (panel.dataset.testid ?? '').slice('view-'.length);
  };
  document.addEventListener('pointerdown', on, true);
  document.addEventListener('focusin', on, true);
  return () => {
    document.removeEventListener('pointerdown', on, true);
    document.removeEventListener('focusin', on, true);
  };
}
