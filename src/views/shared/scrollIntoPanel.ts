/**
 * Scroll a panel's body (and nothing else: not the page, not other scrollers) so that `el` is in
 * view, with a small margin. A no-op when it already is. Reads layout once: call it on a user's
 * action (a new selection), never on every step.
 */
export function scrollIntoPanel(el: Element, margin = 8): void {
  const box = el.closest('.panel-body');
  if (!(box instanceof HTMLElement)) return;
  const r = el.getBoundingClientRect();
  const b = box.getBoundingClientRect();
  if (r.top < b.top) box.scrollTop -= b.top - r.top + margin;
  else if (r.bottom > b.bottom)
    box.scrollTop += Math.min(r.bottom - b.bottom + margin, r.top - b.top);
}
