/**
 * The D3 renderer: joins a Scene into an <svg> by stable ids. Between two scenes every mark moves
 * from where it was to where it is (a retargeted link swings from its old frame to its new one,
 * in either direction, so stepping back plays the step in reverse); a migrating page's value
 * travels with it. A new render interrupts the running transitions first, so scrubbing and fast
 * play never queue animations; duration 0 (prefers-reduced-motion, a jump) is an instant change
 * with the same before/after marks, which are part of the scene itself (ghosts, "2 → 1").
 */
// interrupt comes from d3-transition: importing it keeps that module's selection.transition()
// patch in the production bundle (tree-shaking drops a module nothing imports from).
import { interpolateNumber, interrupt } from 'd3';
import type { BaseType, Selection as D3Selection } from 'd3';
import { select } from 'd3';
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
/** Where each node was last sent (its transform at the end of its move). */
const TARGET = new WeakMap<Element, string>();
/** Elements with a transition started by the last render, per svg: the next render stops them. */
const MOVING = new WeakMap<SVGSVGElement, Set<Element>>();
/** The handlers of the svg's last render (bound once, on enter; they read the current ones). */
const OPTS = new WeakMap<SVGSVGElement, RenderOptions>();

function moving(svg: SVGSVGElement): Set<Element> {
  let m = MOVING.get(svg);
  if (!m) {
    m = new Set();
    MOVING.set(svg, m);
  }
  return m;
}

/** Whether d3 still has a transition scheduled or running on the element or its paths. */
const busy = (el: Element): boolean =>
  '__transition' in el || [...el.children].some((c) => '__transition' in c);

function stop(el: Element): void {
  // A transition that already ended left the mark where it was going: rewriting its path,
  // transform and opacity would only dirty its style and layout again (every mark the last step
  // moved, on every step).
  if (!busy(el)) return;
  interrupt(el, 'move');
  interrupt(el, 'fade');
  const g = select(el);
  const pos = POS.get(el);
  if (pos)
    g.selectAll('path')
      .interrupt('move')
      .attr('d', linkPath(...pos));
  const tr = TARGET.get(el);
  if (tr) g.attr('transform', tr);
  g.style('opacity', null);
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
  const running = moving(svg);
  // Stop what the last render started and snap it to where it was going: a scrub or fast play
  // never queues animations, and the next transition starts from a settled picture.
  for (const el of running) stop(el);
  running.clear();
  OPTS.set(svg, opts);
  const size = `0 0 ${scene.width} ${scene.height}`;
  if (root.attr('viewBox') !== size)
    root.attr('width', scene.width).attr('height', scene.height).attr('viewBox', size);
  ensureDefs(svg);
  const links = ensureLayer(svg, 'links');
  const nodes = ensureLayer(svg, 'nodes');
  const movers = ensureLayer(svg, 'movers');
  drawLinks(links, scene.links, opts.duration, running);
  drawNodes(svg, nodes, scene.nodes, opts.duration, running);
  drawMovers(movers, opts.movers && opts.duration > 0 ? scene.movers : [], opts.duration);
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
  duration: number,
  running: Set<Element>,
): void {
  const sel = layer
    .selectAll<SVGGElement, SceneLink>('g.map-link')
    .data(data, (d) => d.id)
    .join(
      (enter) => {
        const g = enter.append('g');
        g.append('path').attr('class', 'hit');
        g.append('path').attr('class', 'line');
        g.append('text').attr('class', 'count');
        g.style('opacity', (d) => (d.mark === 'added' && duration > 0 ? 0 : null));
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
    const from = seen ?? to;
    const same = seen !== undefined && from.every((v, i) => v === to[i]);
    const hidden = this.style.opacity === '0';
    if (same && !hidden) return;
    POS.set(this, to);
    const g = select(this);
    g.select('text.count')
      .attr('x', (d.x1 + d.x2) / 2)
      .attr('y', (d.y1 + d.y2) / 2 - 4);
    const paths = g.selectAll<SVGPathElement, unknown>('path');
    const swing = duration > 0 && seen !== undefined && !same;
    if (!swing && !same) paths.attr('d', linkPath(...to));
    if (duration > 0 && (swing || hidden)) running.add(this);
    if (swing) {
      const ix = from.map((v, i) => interpolateNumber(v, to[i] ?? v));
      paths
        .transition('move')
        .duration(duration)
        .attrTween('d', () => (t) => linkPath(...(ix.map((f) => f(t)) as Pos)));
    }
    if (!hidden) return;
    if (duration > 0) g.transition('fade').duration(duration).style('opacity', 1);
    else g.style('opacity', null);
  });
}

function drawNodes(
  svg: SVGSVGElement,
  layer: D3Selection<SVGGElement, unknown, null, undefined>,
  data: readonly SceneNode[],
  duration: number,
  running: Set<Element>,
): void {
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
        g.attr('transform', (d) => `translate(${d.x},${d.y})`).each(function (d) {
          TARGET.set(this, `translate(${d.x},${d.y})`);
        });
        g.style('opacity', (d) => (d.mark === 'added' && duration > 0 ? 0 : null));
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
    const tr = `translate(${d.x},${d.y})`;
    // The last target, not the attribute: an interrupted move stops short of it.
    const moved = TARGET.get(this) !== tr;
    const hidden = this.style.opacity === '0';
    if (!moved && !hidden) return;
    TARGET.set(this, tr);
    const g = select<SVGGElement, SceneNode>(this);
    if (duration > 0) running.add(this);
    if (moved) {
      if (duration > 0) g.transition('move').duration(duration).attr('transform', tr);
      else g.attr('transform', tr);
    }
    if (hidden) {
      if (duration > 0) g.transition('fade').duration(duration).style('opacity', 1);
      else g.style('opacity', null);
    }
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

function drawMovers(
  layer: D3Selection<SVGGElement, unknown, null, undefined>,
  data: readonly Mover[],
  duration: number,
): void {
  layer.selectAll('g.mover').remove();
  const g = layer
    .selectAll<SVGGElement, Mover>('g.mover')
    .data(data, (d) => d.id)
    .join('g')
    .attr('class', 'mover')
    .attr('aria-hidden', 'true')
    .attr('transform', (d) => `translate(${d.x1},${d.y1})`);
  g.append('rect').attr('x', -20).attr('y', -11).attr('width', 40).attr('height', 22).attr('rx', 4);
  g.append('text')
    .attr('y', 5)
    .text((d) => String(d.value));
  g.transition('move')
    .duration(duration)
    .attr('transform', (d) => `translate(${d.x2},${d.y2})`)
    .transition()
    .duration(150)
    .style('opacity', 0)
    .remove();
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
