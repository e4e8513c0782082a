/**
 * F6 / Shift+F6 move the keyboard between the app's regions, as in browsers and IDEs: the header,
 * the transport (its timeline), each panel on screen (its scrolling body), the presenter's
 * narration. A keyboard user reaches the page tables without tabbing through a step's 30-100
 * source links; the skip links do the same from the top of the page.
 */

/** Regions, in document order; hidden ones (presenter mode hides the header) are skipped. */
export const REGION_SELECTOR = '.app-header, .transport, .presenter, [data-testid^="view-"]';
/** Where the keyboard lands in a region: its scrolling body, the timeline, the narration. */
const LANDING = '.panel-body, [data-testid="timeline-range"], [data-testid="presenter-narration"]';
/** A region without one (the header): its first control. */
const FALLBACK = 'select, button';

export type PanelDirection = 1 | -1;

/** The panel key a key press means, or null. */
export function panelKey(e: {
  key: string;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}): PanelDirection | null {
  if (e.key !== 'F6' || e.altKey || e.ctrlKey || e.metaKey) return null;
  return e.shiftKey ? -1 : 1;
}

/** The region after (or before) `current` of `count`, wrapping; from none: the first (or last). */
export function nextRegion(count: number, current: number, dir: PanelDirection): number {
  if (count <= 0) return -1;
  if (current < 0) return dir > 0 ? 0 : count - 1;
  return (current + dir + count) % count;
}

const shown = (el: HTMLElement): boolean => el.getClientRects().length > 0;

/** Move the keyboard to the next region; returns the element focused, or null. */
export function focusRegion(doc: Document, dir: PanelDirection): HTMLElement | null {
  const regions = [...doc.querySelectorAll<HTMLElement>(REGION_SELECTOR)].filter(
    (r) => shown(r) && !r.parentElement?.closest(REGION_SELECTOR),
  );
  const active = doc.activeElement;
  const current = active ? regions.findIndex((r) => r.contains(active)) : -1;
  for (let tries = 0, i = current; tries < regions.length; tries++) {
    i = nextRegion(regions.length, i, dir);
    const region = regions[i];
    const first = (sel: string) =>
      [...(region?.querySelectorAll<HTMLElement>(sel) ?? [])].find(shown);
    const target = first(LANDING) ?? first(FALLBACK);
    if (target) {
      target.focus();
      return target;
    }
  }
  return null;
}

/** Install the keys on a window; returns the uninstall. */
export function installPanelKeys(win: Window): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented) return;
    const dir = panelKey(e);
    if (dir === null) return;
    if (focusRegion(win.document, dir)) e.preventDefault();
  };
  win.addEventListener('keydown', onKey);
  return () => {
    win.removeEventListener('keydown', onKey);
  };
}
