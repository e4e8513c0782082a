/**
 * A panel as a picture of all of its content: a copy of the panel, laid out off screen at its
 * width, with every scroll box opened to its full height (never the scrolled viewport), the
 * controls taken out (buttons, inputs, search, zoom, fold and paging tools) and the buttons that
 * name an object (a PTE cell, a frame link, a free-list chip) turned into plain text that looks
 * the same. Export and the handout snapshot the element, then call `dispose`.
 */
import { fillEvents } from '../../views/kernel-path/exportPath';

export interface Picture {
  readonly element: HTMLElement;
  dispose(): void;
}

/** Buttons that stand for an object of the model: kept, as text. */
const CONTENT_BUTTON = 'button.pte, button.link, button.chip';
/** Controls and their wrappers: left out of the picture. */
const CONTROLS = [
  'button',
  'input',
  'select',
  'textarea',
  'form',
  '[role="search"]',
  '.fold-all',
  '.events-end',
  '.focus-tag',
  '.panel-head > :not(h2)',
].join(', ');

/** Open every box of `copy` whose original (`src`, the same tree) scrolls or clips its content. */
function unclip(src: Element, copy: Element): void {
  if (src instanceof HTMLElement && copy instanceof HTMLElement) {
    const clipsY = src.scrollHeight > src.clientHeight + 1;
    const clipsX = src.scrollWidth > src.clientWidth + 1;
    if (clipsY || clipsX) {
      copy.style.setProperty('overflow', 'visible');
      copy.style.setProperty('max-height', 'none');
      copy.style.setProperty('height', 'auto');
      copy.style.setProperty('flex', 'none');
    }
  }
  const a = src.children;
  const b = copy.children;
  for (let i = 0; i < a.length && i < b.length; i++) {
    const s = a[i];
    const c = b[i];
    if (s && c) unclip(s, c);
  }
}

/** A button that names an object becomes a span with the same classes and text. */
function asText(button: HTMLElement): HTMLElement {
  const span = document.createElement('span');
  span.className = button.className;
  for (const name of button.getAttributeNames())
    if (name.startsWith('data-')) span.setAttribute(name, button.getAttribute(name) ?? '');
  span.style.setProperty('display', 'inline-flex');
  span.append(...Array.from(button.childNodes));
  return span;
}

/** The widest the panel's content reaches: its width plus what its scroll boxes hide sideways. */
function fullWidth(panel: HTMLElement): number {
  let extra = 0;
  for (const el of panel.querySelectorAll<HTMLElement>('*'))
    if (/auto|scroll/.test(getComputedStyle(el).overflowX))
      extra = Math.max(extra, el.scrollWidth - el.clientWidth);
  return Math.ceil(panel.offsetWidth + Math.max(0, extra));
}

export function wholePanelPicture(panel: HTMLElement): Picture {
  const copy = panel.cloneNode(true) as HTMLElement;
  unclip(panel, copy);
  const name = (panel.dataset.testid ?? '').slice('view-'.length);
  if (name === 'kernel-path') {
    const body = copy.querySelector<HTMLElement>('.panel-body') ?? copy;
    fillEvents(body);
    body.querySelector('.start-hint')?.remove();
  }
  for (const b of Array.from(copy.querySelectorAll<HTMLElement>(CONTENT_BUTTON)))
    b.replaceWith(asText(b));
  for (const c of Array.from(copy.querySelectorAll(CONTROLS))) c.remove();
  // Hooks and ids stay unique on the page; the copy is a picture, not a second panel.
  for (const el of [
    copy,
    ...Array.from(copy.querySelectorAll('[id], [data-testid], [tabindex]')),
  ]) {
    el.removeAttribute('id');
    el.removeAttribute('data-testid');
    el.removeAttribute('tabindex');
  }
  copy.classList.add('view-picture');
  const root = document.createElement('div');
  root.className = 'views-picture';
  root.style.setProperty('position', 'fixed');
  root.style.setProperty('left', '-100000px');
  root.style.setProperty('top', '0');
  root.style.setProperty('width', `${fullWidth(panel)}px`);
  copy.style.setProperty('height', 'auto');
  copy.style.setProperty('max-height', 'none');
  copy.style.setProperty('overflow', 'visible');
  root.append(copy);
  document.body.append(root);
  return {
    element: root,
    dispose: () => {
      root.remove();
    },
  };
}
