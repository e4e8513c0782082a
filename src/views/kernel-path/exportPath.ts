/**
 * The kernel path as a picture: every kernel function of the step, unfolded, in call order (the
 * panel draws what fits and folds deep calls; an export draws them all). The view records the
 * step's events; the export fills the list of its off-screen copy with plain DOM rows that carry
 * the panel's own classes, so they look the same.
 */
import type { KernelEvents } from '../../store/model';

let current: KernelEvents = [];

/** The kernel path view records the events of the step it shows. */
export function setExportEvents(events: KernelEvents): void {
  current = events;
}

/** Replace the rows of a copied `ol.events` (or add one to `body`) with every event of the step. */
export function fillEvents(body: HTMLElement): HTMLOListElement {
  let ol = body.querySelector<HTMLOListElement>('ol.events');
  if (!ol) {
    ol = document.createElement('ol');
    ol.className = 'events';
    body.append(ol);
  }
  ol.replaceChildren();
  for (const e of current) {
    const li = document.createElement('li');
    li.style.setProperty('padding-inline-start', `${e.depth * 14}px`);
    const space = document.createElement('span');
    space.className = 'fold-space';
    const fn = document.createElement('code');
    fn.className = 'fn';
    fn.textContent = e.fn;
    const file = document.createElement('span');
    file.className = 'file';
    file.textContent = e.file;
    li.append(space, fn, ' ', file);
    if (e.text) {
      const text = document.createElement('div');
      text.className = 'event-text';
      text.textContent = e.text;
      li.append(text);
    }
    ol.append(li);
  }
  return ol;
}
