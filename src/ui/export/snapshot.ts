/**
 * A view as an SVG document: the element is copied with its computed styles into a
 * <foreignObject>, canvases become PNG images, form controls keep their current values, scrolled
 * panels keep their scroll position. Serialized with XMLSerializer; nothing goes through an HTML
 * parser, and the result is an image (no script runs in an SVG loaded as <img>).
 */
import { StyleCopier } from './styleCopy';

const SVG_NS = 'http://www.w3.org/2000/svg';

export interface Snapshot {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

function isHidden(cs: CSSStyleDeclaration): boolean {
  return cs.display === 'none';
}

/** Copy `src` and its subtree into the live document (detached); returns null for hidden nodes. */
function copyTree(src: Node, copier: StyleCopier, parent: CSSStyleDeclaration | null): Node | null {
  if (src.nodeType === Node.TEXT_NODE) return document.createTextNode(src.textContent ?? '');
  if (!(src instanceof HTMLElement || src instanceof SVGElement)) return null;
  if (src instanceof HTMLElement && src.hidden) return null;
  if (src instanceof HTMLCanvasElement) return canvasImage(src, copier, parent);
  const dst = src.cloneNode(false) as HTMLElement | SVGElement;
  dst.removeAttribute('id');
  const cs = copier.copy(src, dst, parent);
  if (isHidden(cs)) return null;
  // An image cannot scroll: no scrollbars (the scroll position is kept below).
  for (const axis of ['overflow-x', 'overflow-y'])
    if (/auto|scroll/.test(cs.getPropertyValue(axis))) dst.style.setProperty(axis, 'hidden');
  if (src instanceof HTMLInputElement) {
    if (src.type === 'checkbox' || src.type === 'radio') {
      if (src.checked) dst.setAttribute('checked', '');
    } else dst.setAttribute('value', src.value);
  }
  if (src instanceof HTMLSelectElement) {
    const shown = document.createElement('span');
    shown.textContent = src.selectedOptions[0]?.textContent ?? '';
    dst.append(shown);
    return replaceSelect(dst, shown);
  }
  if (src instanceof HTMLTextAreaElement) {
    dst.textContent = src.value;
    return dst;
  }
  const before = pseudo(src, '::before', copier, cs);
  if (before) dst.append(before);
  let host: Element = dst;
  if (src.scrollTop !== 0 || src.scrollLeft !== 0) {
    const shift = document.createElement('div');
    shift.style.setProperty('position', 'relative');
    shift.style.setProperty('top', `${-src.scrollTop}px`);
    shift.style.setProperty('left', `${-src.scrollLeft}px`);
    dst.append(shift);
    host = shift;
  }
  for (const child of Array.from(src.childNodes)) {
    const c = copyTree(child, copier, cs);
    if (c) host.append(c);
  }
  const after = pseudo(src, '::after', copier, cs);
  if (after) dst.append(after);
  return dst;
}

/** A select becomes a box showing its chosen option (an image has no dropdowns). */
function replaceSelect(select: HTMLElement | SVGElement, shown: HTMLElement): HTMLElement {
  const box = document.createElement('span');
  for (let i = 0; i < select.style.length; i++) {
    const name = select.style.item(i);
    box.style.setProperty(name, select.style.getPropertyValue(name));
  }
  box.style.setProperty('display', 'inline-block');
  box.append(shown);
  return box;
}

/** ::before / ::after as a span, when they draw something (the PTE write-bit corner, for one). */
function pseudo(
  src: Element,
  which: '::before' | '::after',
  copier: StyleCopier,
  parent: CSSStyleDeclaration,
): HTMLElement | null {
  const content = getComputedStyle(src, which).content;
  if (content === 'none' || content === 'normal' || content === '') return null;
  const span = document.createElement('span');
  copier.copy(src, span, parent, which);
  span.style.removeProperty('content');
  const m = /^"(.*)"$/.exec(content);
  if (m?.[1]) span.textContent = m[1];
  return span;
}

function canvasImage(
  src: HTMLCanvasElement,
  copier: StyleCopier,
  parent: CSSStyleDeclaration | null,
): HTMLElement {
  const img = document.createElement('img');
  copier.copy(src, img, parent);
  const r = src.getBoundingClientRect();
  img.style.setProperty('width', `${src.clientWidth || r.width}px`);
  img.style.setProperty('height', `${src.clientHeight || r.height}px`);
  img.alt = src.getAttribute('aria-label') ?? '';
  try {
    img.src = src.toDataURL('image/png');
  } catch {
    // A tainted canvas cannot be read; the copy shows an empty box where it was.
  }
  return img;
}

/** The element as an SVG document of its laid-out size (CSS pixels, before any zoom). */
export function snapshotElement(el: HTMLElement, background?: string): Snapshot {
  const width = Math.max(1, Math.ceil(el.offsetWidth));
  const height = Math.max(1, Math.ceil(el.offsetHeight));
  const copier = new StyleCopier();
  try {
    const rootStyle = getComputedStyle(document.body);
    const copy = copyTree(el, copier, rootStyle);
    const root = document.createElement('div');
    root.style.setProperty('width', `${width}px`);
    root.style.setProperty('height', `${height}px`);
    root.style.setProperty('background', background ?? rootStyle.backgroundColor);
    root.style.setProperty('font', rootStyle.font);
    root.style.setProperty('color', rootStyle.color);
    if (copy) root.append(copy);
    if (copy instanceof HTMLElement) {
      copy.style.setProperty('margin', '0');
      copy.style.setProperty('zoom', '1');
      // A picture laid out off screen (position: fixed, far left) sits at the image's origin.
      copy.style.setProperty('position', 'static');
      for (const side of ['left', 'top', 'right', 'bottom']) copy.style.removeProperty(side);
    }
    const body = new XMLSerializer().serializeToString(root);
    const svg =
      `<svg xmlns="${SVG_NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
      `<foreignObject x="0" y="0" width="100%" height="100%">${body}</foreignObject></svg>`;
    return { svg, width, height };
  } finally {
    copier.dispose();
  }
}
