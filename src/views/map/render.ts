/**
 * The D3 renderer: joins a Scene into an <svg> by stable ids. Between two scenes every mark moves
 * from where it was to where it is (a retargeted link swings from its old frame to its new one,
 * in either direction, so stepping back plays the step in reverse); a migrating page's value
 * travels with it. A new render interrupts the running transitions first, so scrubbing and fast
 * play never queue animations; duration 0 (prefers-reduced-motion, a jump) is an instant change
 * with the same before/after marks, which are part of the scene itself (ghosts, "2 → 1").
 */
import type { BaseType, Selection as D3Selection } from 'd3';
import { easeCubicInOut, select } from 'd3';
import { fmt } from './glyphs';
import type { Mover, Scene, SceneLink, SceneNode } from './scene';

export interface RenderOptions {
  /** Transition length in ms; 0 is instant. */
  readonly duration: number;
  /** Whether movers (values travelling with their page) play. */
  readonly movers: boolean;
  readonly onActivate: (n: SceneNode) => void;
  readonly onHover: (n: SceneNode | null) => void;
}

type Pos = [number, number, number, number];
const POS = new WeakMap<Element, Pos>();
/** What each mark was last painted with: an unchanged mark is not touched (no DOM writes). */
const SIG = new WeakMap<Element, string>();
/** Where each node was last sent (its translation at the end of its move). */
const TARGET = new WeakMap<Element, readonly [number, number]>();
/** The handlers of the svg's last render (bound once, on enter; they read the current ones). */
const OPTS = new WeakMap<SVGSVGElement, RenderOptions>();

/** How long a travelling value fades out once it has arrived. */
const MOVER_FADE_MS = 150;

/**
 * Everything one render set in motion, played by one frame loop: a transition costs one frame
 * callback however many marks move (a d3 transition per mark scheduled, tweened and interrupted
 * each of them on its own: at 262,144 + 262,144 pages most of the map's draw time per step).
 */
interface Motion {
  readonly duration: number;
  start: number;
  frame: number;
  readonly nodes: {
    readonly el: Element;
    readonly from: readonly [number, number];
    readonly to: readonly [number, number];
  }[];
  readonly links: { readonly paths: readonly Element[]; readonly from: Pos; readonly to: Pos }[];
  readonly fades: (HTMLElement | SVGElement)[];
  readonly movers: { readonly el: SVGGElement; readonly d: Mover }[];
}

const MOTION = new WeakMap<SVGSVGElement, Motion>();

const translate = (x: number, y: number): string => `translate(${x},${y})`;
const lerp = (a: number, b: number, k: number): number => a + (b - a) * k;

/** Put every mark of a motion where it is going (and drop its travelling values). */
function settle(m: Motion): void {
  if (m.frame) cancelAnimationFrame(m.frame);
  m.frame = 0;
  for (const n of m.nodes) n.el.setAttribute('transform', translate(...n.to));
  for (const l of m.links) {
    const d = linkPath(...l.to);
    for (const p of l.paths) p.setAttribute('d', d);
  }
  for (const el of m.fades) el.style.removeProperty('opacity');
  for (const v of m.movers) v.el.remove();
}

function tick(m: Motion, now: number): void {
  if (m.start < 0) m.start = now;
  const e = now - m.start;
  const k = easeCubicInOut(Math.min(1, e / m.duration));
  for (const n of m.nodes)
    n.el.setAttribute(
      'transform',
      translate(lerp(n.from[0], n.to[0], k), lerp(n.from[1], n.to[1], k)),
    );
  for (const l of m.links) {
    const d = linkPath(
      lerp(l.from[0], l.to[0], k),
      lerp(l.from[1], l.to[1], k),
      lerp(l.from[2], l.to[2], k),
      lerp(l.from[3], l.to[3], k),
    );
    for (const p of l.paths) p.setAttribute('d', d);
  }
  for (const el of m.fades) el.style.opacity = String(k);
  const fade = Math.max(0, Math.min(1, (e - m.duration) / MOVER_FADE_MS));
  for (const { el, d } of m.movers) {
    el.setAttribute('transform', translate(lerp(d.x1, d.x2, k), lerp(d.y1, d.y2, k)));
    if (fade > 0) el.style.opacity = String(1 - fade);
  }
  const end = m.duration + (m.movers.length > 0 ? MOVER_FADE_MS : 0);
  if (e >= end) settle(m);
  else
    m.frame = requestAnimationFrame((t) => {
      tick(m, t);
    });
}

const linkSig = (d: SceneLink): string =>
  `${d.kind}|${d.mark}|${d.broken}|${d.write}|${d.count}|${d.name}|${d.keys.join(' ')}`;

const nodeSig = (d: SceneNode): string =>
  `${d.kind}|${d.w}|${d.h}|${d.label}|${d.detail}|${d.glyph}|${d.cls}|${d.mark}|${d.leak}|${d.stuck}|${d.value}|${d.name}|${d.select ? 1 : 0}|${d.keys.join(' ')}`;

/** Keep only the marks whose painted content differs from `sig` (and remember the new one). */
function changedOnly<E extends Element, D>(
  sel: D3Selection<E, D, BaseType, unknown>,
  sig: (d: D) => string,
): D3Selection<E, D, BaseType, unknown> {
  return sel.filter(function (d) {
    const k = sig(d);
    if (SIG.get(this) === k) return false;
    SIG.set(this, k);
    return true;
  });
}

/** A gentle S-curve from (x1, y1) to (x2, y2). */
export function linkPath(x1: number, y1: number, x2: number, y2: number): string {
  const mx = (x1 + x2) / 2;
  return `M${x1},${y1}C${mx},${y1} ${mx},${y2} ${x2},${y2}`;
}

const linkClass = (l: SceneLink): string =>
  `map-link l-${l.kind} mark-${l.mark}${l.broken ? ' broken' : ''}${l.write ? ' w' : ''}${l.count > 1 ? ' bundle' : ''}`;

const nodeClass = (n: SceneNode): string =>
  `map-node kind-${n.kind} mark-${n.mark} ${n.cls}${n.leak ? ' leak' : ''}${n.stuck ? ' stuck' : ''}${n.select ? ' selectable' : ''}`;

function ensureLayer(
  svg: SVGSVGElement,
  name: string,
): D3Selection<SVGGElement, unknown, null, undefined> {
  const root = select(svg);
  const found = root.select<SVGGElement>(`g.layer-${name}`);
  return found.empty() ? root.append('g').attr('class', `layer-${name}`) : found;
}

export function renderScene(svg: SVGSVGElement, scene: Scene, opts: RenderOptions): void {
  const root = select(svg);
  // Settle what the last render set in motion where it was going: a scrub or fast play never
  // queues animations, and the next transition starts from a settled picture.
  const last = MOTION.get(svg);
  if (last) settle(last);
  MOTION.delete(svg);
  OPTS.set(svg, opts);
  const size = `0 0 ${scene.width} ${scene.height}`;
  if (root.attr('viewBox') !== size)
    root.attr('width', scene.width).attr('height', scene.height).attr('viewBox', size);
  ensureDefs(svg);
  const links = ensureLayer(svg, 'links');
  const nodes = ensureLayer(svg, 'nodes');
  const movers = ensureLayer(svg, 'movers');
  const m: Motion = {
    duration: opts.duration,
    start: -1,
    frame: 0,
    nodes: [],
    links: [],
    fades: [],
    movers: [],
  };
  drawLinks(links, scene.links, m);
  drawNodes(svg, nodes, scene.nodes, m);
  if (opts.movers && opts.duration > 0) drawMovers(movers, scene.movers, m);
  if (opts.duration <= 0) return;
  if (m.nodes.length + m.links.length + m.fades.length + m.movers.length === 0) return;
  MOTION.set(svg, m);
  m.frame = requestAnimationFrame((t) => {
    tick(m, t);
  });
}

function ensureDefs(svg: SVGSVGElement): void {
  const root = select(svg);
  if (!root.select('defs').empty()) return;
  const defs = root.insert('defs', ':first-child');
  // A small "✕" where a device-private entry leaves its PTE: the CPU cannot follow this link.
  const m = defs
    .append('marker')
    .attr('id', 'map-nocpu')
    .attr('viewBox', '-6 -6 12 12')
    .attr('markerUnits', 'userSpaceOnUse')
    .attr('markerWidth', 12)
    .attr('markerHeight', 12)
    .attr('orient', 'auto');
  m.append('circle').attr('r', 5).attr('class', 'nocpu-disc');
  m.append('path').attr('d', 'M-2.5,-2.5L2.5,2.5M2.5,-2.5L-2.5,2.5').attr('class', 'nocpu-x');
  const a = defs
    .append('marker')
    .attr('id', 'map-arrow')
    .attr('viewBox', '0 -4 8 8')
    .attr('refX', 7)
    .attr('markerUnits', 'userSpaceOnUse')
    .attr('markerWidth', 9)
    .attr('markerHeight', 9)
    .attr('orient', 'auto');
  a.append('path').attr('d', 'M0,-4L8,0L0,4Z').attr('class', 'arrow-head');
}

function drawLinks(
  layer: D3Selection<SVGGElement, unknown, null, undefined>,
  data: readonly SceneLink[],
  m: Motion,
): void {
  const duration = m.duration;
  const sel = layer
    .selectAll<SVGGElement, SceneLink>('g.map-link')
    .data(data, (d) => d.id)
    .join(
      (enter) => {
        const g = enter.append('g');
        g.append('path').attr('class', 'hit');
        g.append('path').attr('class', 'line');
        g.append('text').attr('class', 'count');
        if (duration > 0)
          g.each(function (d) {
            if (d.mark !== 'added') return;
            this.style.opacity = '0';
            m.fades.push(this);
          });
        return g;
      },
      (update) => update,
      (exit) => exit.remove(),
    );
  const fresh = changedOnly(sel, linkSig)
    .attr('class', linkClass)
    .attr('data-id', (d) => d.id)
    .attr('data-keys', (d) => d.keys.join(' '))
    .attr('role', 'img')
    .attr('aria-label', (d) => d.name);
  fresh
    .select('path.line')
    .attr('marker-start', (d) => (d.broken ? 'url(#map-nocpu)' : null))
    .attr('marker-end', (d) => (d.kind === 'mirror' ? null : 'url(#map-arrow)'));
  fresh.select<SVGTextElement>('text.count').text((d) => (d.count > 1 ? `×${fmt(d.count)}` : ''));
  sel.each(function (d) {
    const to: Pos = [d.x1, d.y1, d.x2, d.y2];
    const seen = POS.get(this);
    if (seen !== undefined && seen.every((v, i) => v === to[i])) return;
    POS.set(this, to);
    const count = this.lastElementChild;
    count?.setAttribute('x', String((d.x1 + d.x2) / 2));
    count?.setAttribute('y', String((d.y1 + d.y2) / 2 - 4));
    const paths = [...this.children].filter((c) => c.tagName === 'path');
    // A retargeted link swings from its old end to its new one; a new link is drawn where it is.
    if (duration > 0 && seen !== undefined) m.links.push({ paths, from: seen, to });
    else {
      const path = linkPath(...to);
      for (const p of paths) p.setAttribute('d', path);
    }
  });
}

function drawNodes(
  svg: SVGSVGElement,
  layer: D3Selection<SVGGElement, unknown, null, undefined>,
  data: readonly SceneNode[],
  m: Motion,
): void {
  const duration = m.duration;
  const opts = () => OPTS.get(svg);
  const sel = layer
    .selectAll<SVGGElement, SceneNode>('g.map-node')
    .data(data, (d) => d.id)
    .join(
      (enter) => {
        const g = enter.append('g');
        g.append('rect').attr('class', 'box');
        g.append('rect').attr('class', 'glyph-box');
        g.append('text').attr('class', 'glyph');
        g.append('text').attr('class', 'label');
        g.append('text').attr('class', 'detail');
        g.append('rect').attr('class', 'value-box');
        g.append('text').attr('class', 'value');
        g.attr('transform', (d) => translate(d.x, d.y)).each(function (d) {
          TARGET.set(this, [d.x, d.y]);
          if (d.mark !== 'added' || duration <= 0) return;
          this.style.opacity = '0';
          m.fades.push(this);
        });
        // Bound once: the handlers read the datum and the svg's current options at event time.
        g.on('click', (e: MouseEvent, d) => {
          if (d.select) opts()?.onActivate(d);
          e.stopPropagation();
        })
          .on('keydown', (e: KeyboardEvent, d) => {
            if ((e.key === 'Enter' || e.key === ' ') && d.select) {
              e.preventDefault();
              e.stopPropagation();
              opts()?.onActivate(d);
            }
          })
          .on('pointerenter focus', (_e: Event, d) => {
            opts()?.onHover(d);
          })
          .on('pointerleave blur', () => {
            opts()?.onHover(null);
          });
        return g;
      },
      (update) => update,
      (exit) => exit.remove(),
    );
  const fresh = changedOnly(sel, nodeSig)
    .attr('class', nodeClass)
    .attr('data-id', (d) => d.id)
    .attr('data-keys', (d) => d.keys.join(' '))
    .attr('tabindex', (d) => (d.select ? 0 : null))
    .attr('role', (d) => (d.select ? 'button' : d.kind === 'column' ? null : 'img'))
    .attr('aria-label', (d) => (d.kind === 'column' ? null : d.name || d.label));
  paintNode(fresh);
  sel.each(function (d) {
    const from = TARGET.get(this);
    if (from !== undefined && from[0] === d.x && from[1] === d.y) return;
    const to = [d.x, d.y] as const;
    TARGET.set(this, to);
    if (duration > 0 && from !== undefined) m.nodes.push({ el: this, from, to });
    else this.setAttribute('transform', translate(d.x, d.y));
  });
}

const isRow = (d: SceneNode) => d.kind === 'pte' || d.kind === 'pte-run';

function paintNode(sel: D3Selection<SVGGElement, SceneNode, BaseType, unknown>): void {
  sel
    .select('rect.box')
    .attr('width', (d) => (isRow(d) ? d.w - 50 : d.w))
    .attr('height', (d) => d.h)
    .attr('rx', (d) => (d.kind === 'band' || d.kind === 'process' ? 2 : 4));
  sel
    .select('rect.glyph-box')
    .attr('display', (d) => (isRow(d) || d.kind === 'mirror' ? null : 'none'))
    .attr('x', (d) => d.w - 44)
    .attr('y', 1)
    .attr('width', 44)
    .attr('height', (d) => d.h - 2)
    .attr('rx', (d) => (/devpriv|migration/.test(d.cls) ? (d.h - 2) / 2 : 3));
  sel
    .select('text.glyph')
    .attr('x', (d) => d.w - 22)
    .attr('y', (d) => d.h / 2 + 5)
    .text((d) => d.glyph);
  sel
    .select<SVGTextElement>('text.label')
    .attr('x', 6)
    .attr('y', (d) => (d.detail ? 14 : d.h / 2 + 5))
    .text((d) => d.label)
    .call(fitText, (d) => d.label, 12);
  sel
    .select<SVGTextElement>('text.detail')
    .attr('x', 6)
    .attr('y', (d) => d.h - 5)
    .text((d) => d.detail)
    .call(fitText, (d) => d.detail, 11);
  sel
    .select('rect.value-box')
    .attr('display', (d) => (d.value === null ? 'none' : null))
    .attr('x', (d) => d.w - 44)
    .attr('y', 4)
    .attr('width', 40)
    .attr('height', (d) => d.h - 8)
    .attr('rx', 3);
  sel
    .select('text.value')
    .attr('x', (d) => d.w - 24)
    .attr('y', (d) => d.h / 2 + 5)
    .text((d) => (d.value === null ? '' : String(d.value)));
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

/**
 * A line longer than its box (a phone's narrow frames: "262,144 pages · 1 in use") is drawn a
 * little condensed to fit rather than clipped; a line that fits is drawn as set.
 */
function fitText(
  sel: D3Selection<SVGTextElement, SceneNode, BaseType, unknown>,
  text: (d: SceneNode) => string,
  px: number,
): void {
  sel.each(function (d) {
    if (d.kind === 'column') return;
    const room = textRoom(d);
    const full = text(d);
    const need = full.length * px * ADVANCE;
    if (need > room && room > 0) {
      // Condensed by at most a fifth; beyond that the line ends in "…" (the accessible name
      // and the inspector keep the whole text).
      const fits = Math.floor(room / (px * ADVANCE * MAX_CONDENSE));
      if (full.length > fits) this.textContent = `${full.slice(0, Math.max(1, fits - 1))}…`;
      this.setAttribute('textLength', String(room));
      this.setAttribute('lengthAdjust', 'spacingAndGlyphs');
    } else if (this.hasAttribute('textLength')) {
      this.removeAttribute('textLength');
      this.removeAttribute('lengthAdjust');
    }
  });
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A migrating page's value as a chip, travelling from its old frame to its new one. */
function drawMovers(
  layer: D3Selection<SVGGElement, unknown, null, undefined>,
  data: readonly Mover[],
  m: Motion,
): void {
  const parent = layer.node();
  if (!parent) return;
  for (const d of data) {
    const g = document.createElementNS(SVG_NS, 'g');
    g.setAttribute('class', 'mover');
    g.setAttribute('aria-hidden', 'true');
    g.setAttribute('transform', translate(d.x1, d.y1));
    const r = document.createElementNS(SVG_NS, 'rect');
    r.setAttribute('x', '-20');
    r.setAttribute('y', '-11');
    r.setAttribute('width', '40');
    r.setAttribute('height', '22');
    r.setAttribute('rx', '4');
    const t = document.createElementNS(SVG_NS, 'text');
    t.setAttribute('y', '5');
    t.textContent = String(d.value);
    g.append(r, t);
    parent.append(g);
    m.movers.push({ el: g, d });
  }
}

/** Light the chain: marks whose keys meet `keys` get .lit, the rest .dim (none when null). */
export function paintChain(svg: SVGSVGElement, keys: ReadonlySet<string> | null): void {
  const root = select(svg);
  root.selectAll<SVGElement, unknown>('.map-node, .map-link').each(function () {
    const own = (this.getAttribute('data-keys') ?? '').split(' ').filter((k) => k !== '');
    const lit = keys !== null && own.some((k) => keys.has(k));
    this.classList.toggle('lit', lit);
    this.classList.toggle('dim', keys !== null && !lit && !this.classList.contains('kind-column'));
  });
}
