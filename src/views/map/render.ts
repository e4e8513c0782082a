/**
 * The D3 renderer: joins a Scene into an <svg> by stable ids. Between two scenes every mark moves
 * from where it was to where it is (a retargeted link swings from its old frame to its new one,
 * in either direction, so stepping back plays the step in reverse); a migrating page's value
 * travels with it. A new render interrupts the running transitions first, so scrubbing and fast
 * play never queue animations; duration 0 (prefers-reduced-motion, a jump) is an instant change
 * with the same before/after marks, which are part of the scene itself (ghosts, "2 → 1").
 */
import type { BaseType, Selection as D3Selection } from 'd3';
import { select } from 'd3';
import { thousands as fmt } from '../../model';
import type { CanvasSize } from './canvas';
import type { Motion, Pos } from './motion';
import { linkPath, newMotion, play, settle, translate } from './motion';
import { paintNode, setAttr, setAttrs, setText, SVG_NS } from './paintNode';
import type { Mover, Scene, SceneLink, SceneNode } from './scene';

export interface RenderOptions {
  /** Transition length in ms; 0 is instant. */
  readonly duration: number;
  /** Whether movers (values travelling with their page) play. */
  readonly movers: boolean;
  readonly onActivate: (n: SceneNode) => void;
  readonly onHover: (n: SceneNode | null) => void;
  /**
   * A render for a scroll (the same step, more of it in range: cull.ts): what comes into range is
   * drawn where it is, and the transition under way goes on.
   */
  readonly scrolled?: boolean;
  /**
   * The size to draw the svg at when larger than the scene (canvas.ts: kept across steps, since
   * resizing an svg lays out and repaints all of it); the scene's size when absent (export).
   */
  readonly canvas?: CanvasSize;
}

/** Where each link was last drawn (its ends). */
const POS = new WeakMap<Element, Pos>();
/** What each mark was last painted with: an unchanged mark is not touched (no DOM writes). */
const SIG = new WeakMap<Element, string>();
/** Where each node was last sent (its translation at the end of its move). */
const TARGET = new WeakMap<Element, readonly [number, number]>();
/** The handlers of the svg's last render (bound once, on enter; they read the current ones). */
const OPTS = new WeakMap<SVGSVGElement, RenderOptions>();
const MOTION = new WeakMap<SVGSVGElement, Motion>();

const linkSig = (d: SceneLink): string =>
  `${d.kind}|${d.mark}|${d.broken}|${d.write}|${d.count}|${d.name}|${d.keys.join(' ')}`;

const nodeSig = (d: SceneNode): string =>
  `${d.kind}|${d.w}|${d.h}|${d.label}|${d.detail}|${d.detailShort ?? ''}|${d.glyph}|${d.cls}|${d.mark}|${d.leak}|${d.stuck}|${d.value}|${d.name}|${d.select ? 1 : 0}|${d.keys.join(' ')}`;

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
  const scrolled = opts.scrolled === true;
  const last = MOTION.get(svg);
  if (last && !scrolled) {
    settle(last);
    MOTION.delete(svg);
  }
  OPTS.set(svg, opts);
  const { width, height } = opts.canvas ?? scene;
  const size = `0 0 ${width} ${height}`;
  if (root.attr('viewBox') !== size)
    root.attr('width', width).attr('height', height).attr('viewBox', size);
  ensureDefs(svg);
  const links = ensureLayer(svg, 'links');
  const nodes = ensureLayer(svg, 'nodes');
  const movers = ensureLayer(svg, 'movers');
  const m = newMotion(scrolled ? 0 : opts.duration);
  drawLinks(links, scene.links, m);
  drawNodes(svg, nodes, scene.nodes, m);
  if (scrolled || opts.duration <= 0) return;
  if (opts.movers) drawMovers(movers, scene.movers, m);
  if (m.nodes.length + m.links.length + m.fades.length + m.movers.length === 0) return;
  MOTION.set(svg, m);
  play(m);
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
  const fresh = changedOnly(sel, linkSig).each(function (d) {
    setAttrs(this, {
      class: linkClass(d),
      'data-id': d.id,
      'data-keys': d.keys.join(' '),
      role: 'img',
      'aria-label': d.name,
    });
  });
  fresh.select<SVGPathElement>('path.line').each(function (d) {
    setAttr(this, 'marker-start', d.broken ? 'url(#map-nocpu)' : null);
    setAttr(this, 'marker-end', d.kind === 'mirror' ? null : 'url(#map-arrow)');
  });
  // A bundle's count ("×4,096") exists only on a bundle: a single link has no empty text.
  fresh.each(function (d) {
    const count = countOf(this, d.count > 1);
    if (!count) return;
    setText(count, `×${fmt(d.count)}`);
    placeCount(count, d);
  });
  sel.each(function (d) {
    const to: Pos = [d.x1, d.y1, d.x2, d.y2];
    const seen = POS.get(this);
    if (seen !== undefined && seen.every((v, i) => v === to[i])) return;
    POS.set(this, to);
    const count = countOf(this, false);
    if (count) placeCount(count, d);
    const hit = this.firstElementChild;
    const line = hit?.nextElementSibling ?? null;
    // A retargeted link swings from its old end to its new one; a new link is drawn where it is.
    if (duration > 0 && seen !== undefined) m.links.push({ line, hit, from: seen, to });
    else {
      const path = linkPath(...to);
      hit?.setAttribute('d', path);
      line?.setAttribute('d', path);
    }
  });
}

/** A link's count text (its third child), made when `make` and missing. */
function countOf(g: SVGGElement, make: boolean): Element | null {
  const found = g.children[2] ?? null;
  if (found || !make) return found;
  const t = document.createElementNS(SVG_NS, 'text');
  t.setAttribute('class', 'count');
  g.append(t);
  return t;
}

function placeCount(count: Element, d: SceneLink): void {
  count.setAttribute('x', String((d.x1 + d.x2) / 2));
  count.setAttribute('y', String((d.y1 + d.y2) / 2 - 4));
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
        // Its parts are made by paintNode, only those it draws.
        const g = enter.append('g');
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
  changedOnly(sel, nodeSig).each(function (d) {
    setAttrs(this, {
      class: nodeClass(d),
      'data-id': d.id,
      'data-keys': d.keys.join(' '),
      tabindex: d.select ? '0' : null,
      role: d.select ? 'button' : d.kind === 'column' ? null : 'img',
      'aria-label': d.kind === 'column' ? null : d.name || d.label,
    });
    paintNode(this, d);
  });
  sel.each(function (d) {
    const from = TARGET.get(this);
    if (from !== undefined && from[0] === d.x && from[1] === d.y) return;
    const to = [d.x, d.y] as const;
    TARGET.set(this, to);
    if (duration > 0 && from !== undefined) m.nodes.push({ el: this, from, to });
    else this.setAttribute('transform', translate(d.x, d.y));
  });
}

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
  if (keys === null) {
    // Nothing selected (most steps): only the marks that still wear a class lose it, not a read
    // and split of every mark's keys (about a millisecond of a step's frame at the bench's size).
    for (const el of svg.querySelectorAll(
      '.map-node.lit, .map-node.dim, .map-link.lit, .map-link.dim',
    ))
      el.classList.remove('lit', 'dim');
    return;
  }
  const root = select(svg);
  root.selectAll<SVGElement, unknown>('.map-node, .map-link').each(function () {
    const own = (this.getAttribute('data-keys') ?? '').split(' ').filter((k) => k !== '');
    const lit = own.some((k) => keys.has(k));
    this.classList.toggle('lit', lit);
    this.classList.toggle('dim', !lit && !this.classList.contains('kind-column'));
  });
}
