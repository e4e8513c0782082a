/**
 * One map node's drawing: its box, glyph chip, text lines and value chip, made only when the node
 * draws them, and lines too long for their box condensed to fit (render.ts joins the nodes).
 */
import type { SceneNode } from './scene';

export const SVG_NS = 'http://www.w3.org/2000/svg';

const isRow = (d: SceneNode) => d.kind === 'pte' || d.kind === 'pte-run';

/**
 * A node's parts, in painting order. A node has only those it draws (a frame has no glyph chip,
 * a PTE row no value chip, a line without detail no empty text): at 262,144 + 262,144 pages about
 * half the map's marks enter each step, and every element made is styled, laid out and painted.
 */
const PARTS = [
  ['rect', 'box'],
  ['rect', 'glyph-box'],
  ['text', 'glyph'],
  ['text', 'label'],
  ['text', 'detail'],
  ['rect', 'value-box'],
  ['text', 'value'],
] as const;
const BOX = 0;
const GLYPH_BOX = 1;
const GLYPH = 2;
const LABEL = 3;
const DETAIL = 4;
const VALUE_BOX = 5;
const VALUE = 6;
/** Which part an element is (set when it is made). */
const PART = new WeakMap<Element, number>();

/** The node's part `i`: made (in its place) when wanted and missing, removed when not wanted. */
function part(g: SVGGElement, i: number, want: boolean): Element | null {
  let next: Element | null = null;
  for (let c = g.firstElementChild; c; c = c.nextElementSibling) {
    const j = PART.get(c) ?? -1;
    if (j === i) {
      if (want) return c;
      c.remove();
      return null;
    }
    if (j > i) {
      next = c;
      break;
    }
  }
  if (!want) return null;
  const [tag, cls] = PARTS[i] ?? PARTS[BOX];
  const el = document.createElementNS(SVG_NS, tag);
  el.setAttribute('class', cls);
  PART.set(el, i);
  g.insertBefore(el, next);
  return el;
}

/**
 * Set an attribute only if it differs (null: no attribute). A node is repainted whenever anything
 * in it changes (its mark, most often), and Blink lays an SVG element out again for an attribute
 * or a text set to the value it already had (2,000 texts given their own x again: 60–200 ms of
 * layout in Chromium; guarded: 0).
 */
export function setAttr(el: Element, name: string, value: string | null): void {
  if (el.getAttribute(name) === value) return;
  if (value === null) el.removeAttribute(name);
  else el.setAttribute(name, value);
}

/**
 * setAttr for each of `values` (null: no attribute). A repainted mark is given its class, name,
 * keys and geometry again whenever anything in it changed; only those that differ reach the DOM.
 */
export function setAttrs(el: Element, values: Record<string, string | number | null>): void {
  for (const k in values) {
    const v = values[k];
    setAttr(el, k, v === null || v === undefined ? null : String(v));
  }
}

/**
 * Set a mark's text. A new value goes into the text node already there: `textContent` replaced
 * the node, and Blink destroyed its layout object and made, styled and laid out a new one (about
 * 50 text nodes a step at 262,144 + 262,144 pages, seen in a trace's layout invalidations).
 */
export function setText(el: Element, value: string): void {
  const node = el.firstChild;
  if (node instanceof Text && node === el.lastChild) {
    if (node.data !== value) node.data = value;
  } else if (el.textContent !== value) el.textContent = value;
}

export function paintNode(g: SVGGElement, d: SceneNode): void {
  const row = isRow(d);
  // A column heading is its label alone (its box drew nothing).
  const box = part(g, BOX, d.kind !== 'column');
  if (box)
    setAttrs(box, {
      width: row ? d.w - 50 : d.w,
      height: d.h,
      rx: d.kind === 'band' || d.kind === 'process' ? 2 : 4,
    });
  const glyphBox = part(g, GLYPH_BOX, row || d.kind === 'mirror');
  if (glyphBox)
    setAttrs(glyphBox, {
      x: d.w - 44,
      y: 1,
      width: 44,
      height: d.h - 2,
      rx: /devpriv|migration/.test(d.cls) ? (d.h - 2) / 2 : 3,
    });
  const glyph = part(g, GLYPH, d.glyph !== '');
  if (glyph) {
    setAttrs(glyph, { x: d.w - 22, y: d.h / 2 + 5 });
    setText(glyph, d.glyph);
  }
  const label = part(g, LABEL, d.label !== '');
  if (label) {
    setAttrs(label, { x: 6, y: d.detail ? 14 : d.h / 2 + 5 });
    fitText(label, d, d.label, 12);
  }
  const detail = part(g, DETAIL, d.detail !== '');
  if (detail) {
    setAttrs(detail, { x: 6, y: d.h - 5 });
    fitText(detail, d, d.detail, 11, d.detailShort);
  }
  const valueBox = part(g, VALUE_BOX, d.value !== null);
  if (valueBox) setAttrs(valueBox, { x: d.w - 44, y: 4, width: 40, height: d.h - 8, rx: 3 });
  const value = part(g, VALUE, d.value !== null);
  if (value) {
    setAttrs(value, { x: d.w - 24, y: d.h / 2 + 5 });
    setText(value, String(d.value));
  }
}

/** The map's monospace type: an advance of 0.602 em (DejaVu Sans Mono, Menlo, Consolas). */
const ADVANCE = 0.602;
/** The narrowest a line is drawn: 80 % of its set width. */
const MAX_CONDENSE = 0.8;

/** Room for a node's text lines: the box less its padding, glyph and value chip. */
export function textRoom(d: SceneNode): number {
  const right = isRow(d) || d.kind === 'mirror' ? 50 : d.value !== null ? 46 : 0;
  return d.w - 12 - right;
}

/** A line as drawn in `room` px of `px`-px type: its text, and whether it is condensed to fit. */
export interface FittedLine {
  readonly text: string;
  readonly condensed: boolean;
}

/**
 * The same line without the spaces around its arrows ("ref 2→3 · map 1→2"): a number's before
 * and after are what the map is for, and on a phone's narrow frames the spaced form lost the
 * after to the ellipsis ("ref 2 → 3 · map 1 →…").
 */
export const compactLine = (full: string): string => full.replace(/ → /g, '→');

/**
 * A line longer than its box (a phone's narrow frames: "262,144 pages · 1 in use") is drawn in its
 * compact form if that fits, else a little condensed rather than clipped; a line that no
 * condensing fits is drawn as its `short` form (the line without what matters least, if it has
 * one) in the same way. A line that fits is drawn as set.
 */
export function fitLine(full: string, room: number, px: number, short?: string): FittedLine {
  const width = (t: string) => t.length * px * ADVANCE;
  if (room <= 0 || width(full) <= room) return { text: full, condensed: false };
  const compact = compactLine(full);
  if (width(compact) <= room) return { text: compact, condensed: false };
  // Condensed by at most a fifth; beyond that the short line, then a line ending in "…" (the
  // accessible name and the inspector keep the whole text).
  const fits = Math.floor(room / (px * ADVANCE * MAX_CONDENSE));
  if (compact.length <= fits) return { text: compact, condensed: true };
  const least = short === undefined ? compact : compactLine(short);
  if (width(least) <= room) return { text: least, condensed: false };
  if (least.length <= fits) return { text: least, condensed: true };
  // Cut after a word, not after the space or the " · " that follows it.
  const cut = least.slice(0, Math.max(1, fits - 1)).replace(/(?<=\S)[\s·]+$/, '');
  return { text: `${cut}…`, condensed: true };
}

function fitText(el: Element, d: SceneNode, full: string, px: number, short?: string): void {
  const room = d.kind === 'column' ? 0 : textRoom(d);
  const line = fitLine(full, room, px, short);
  setText(el, line.text);
  if (line.condensed) setAttrs(el, { textLength: room, lengthAdjust: 'spacingAndGlyphs' });
  else if (el.hasAttribute('textLength')) {
    el.removeAttribute('textLength');
    el.removeAttribute('lengthAdjust');
  }
}
