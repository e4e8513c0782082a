import './map.css';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useApp, useAppApi } from '../../store/context';
import {
  selectCursor,
  selectFocusText,
  selectKernel,
  selectPlaying,
  selectSelection,
  selectSpeed,
  selectTrace,
} from '../../store/selectors';
import type { Selection } from '../../store/types';
import { linkedTo } from '../../store/selection';
import type { KernelState } from '../../model';
import { Panel } from '../shared/Panel';
import { useElementSize } from '../shared/useElementSize';
import { MAX_ZOOM, rowBudget } from './geometry';
import { MapLegend } from './MapLegend';
import { MapSummary } from './MapSummary';
import { setExportScene } from './exportMap';
import { paintChain, renderScene } from './render';
import type { Scene, SceneNode } from './scene';
import { EdgeMarkers } from './EdgeMarkers';
import { covers, cullScene, drawRanges, type Ranges } from './cull';
import { scrollForStep, scrollToShow } from './bringIntoView';
import { useBringIntoView } from './useBringIntoView';
import { layoutTiming } from './sceneCache';
import { useMapScene } from './useMapScene';
import { focusKey, parseFocus } from '../../scenarios/focus';
import { STEP_MOTION_MS } from './motion';
import type { CanvasSize } from './canvas';
import { canvasSize } from './canvas';

/**
 * How much larger presenter mode draws the map: its smallest type (11 px) × 1.45 × the
 * projector's 1.3 zoom is ≥ 20 px (e2e/present.spec.ts measures every label).
 */
export const ROOMY_SCALE = 1.45;

function chainKeys(state: KernelState | undefined, sel: Selection | null): Set<string> | null {
  if (!state || !sel) return null;
  const l = linkedTo(state, sel);
  const keys = new Set<string>();
  for (const k of l.ptes) keys.add(`pte:${k}`);
  if (l.pfn !== null) keys.add(`pfn:${l.pfn}`);
  if (l.device !== null) keys.add(`dev:${l.device}`);
  return keys;
}

const reducedMotion = (): boolean =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * The memory map: where every page lives and what this step changed, as one connected picture
 * (processes' pages → CPU PTEs → physical frames ← device mirrors). Pure layout (layout.ts), a D3
 * join (render.ts); selection goes through the store, so every other panel follows. `roomy`:
 * presenter mode's larger drawing (the shell knows the mode; the map only how to draw it).
 */
export function MapView({ roomy = false }: { readonly roomy?: boolean }) {
  const api = useAppApi();
  const scroller = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const size = useElementSize(scroller);
  const [zoom, setZoom] = useState(0);
  // Presenter mode draws the map ROOMY_SCALE× larger (every label ≥ 20 px on a 1024×768
  // projector), laid out for the narrower box that this leaves: the 44-pixel targets come with it.
  const k = roomy ? ROOMY_SCALE : 1;
  const scene = useMapScene({ width: size.width / k, height: size.height / k }, zoom, roomy);
  const state = useApp(selectKernel);
  const sel = useApp(selectSelection);
  const cursor = useApp(selectCursor);
  const trace = useApp(selectTrace);
  const playing = useApp(selectPlaying);
  const speed = useApp(selectSpeed);
  const last = useRef<{ cursor: number; trace: unknown; width: number; zoom: number } | null>(null);
  const focusText = useApp(selectFocusText);
  const selKeys = useMemo(() => chainKeys(state, sel), [state, sel]);
  const focusNode = useMemo(() => focusedNode(scene, focusText), [scene, focusText]);
  const selRef = useRef(selKeys);
  const stateRef = useRef(state);
  // A phone draws the whole width a little smaller rather than scroll sideways.
  const scale =
    scene && size.width > 0 && scene.width * k > size.width ? size.width / scene.width : k;
  // The svg's own size, kept while the scene fits it (canvas.ts); the scene's size clips it.
  const [canvas, setCanvas] = useState<CanvasSize | null>(null);
  const fitted = scene ? canvasSize(canvas, scene) : canvas;
  if (fitted !== canvas) setCanvas(fitted);
  /** The scroll box's top as last seen in a scroll event (reading it after a commit forces layout). */
  const scrollTop = useRef(0);
  /** What the svg holds: the scene, the ranges of it drawn and what is drawn whatever the scroll. */
  const drawn = useRef<{
    scene: Scene;
    ranges: Ranges;
    keep: ReadonlySet<string>;
    canvas: CanvasSize;
  } | null>(null);
  const geometry = useRef({ scale, height: size.height });
  const selId = selectedId(sel);
  useLayoutEffect(() => {
    selRef.current = selKeys;
    stateRef.current = state;
    geometry.current = { scale, height: size.height };
  });

  const onActivate = useCallback(
    (n: SceneNode) => {
      api.getState().select(n.select);
    },
    [api],
  );
  const onHover = useCallback((n: SceneNode | null) => {
    const el = svg.current;
    if (!el) return;
    paintChain(el, n?.select ? chainKeys(stateRef.current, n.select) : selRef.current);
  }, []);

  useLayoutEffect(() => {
    const el = svg.current;
    if (!el || !scene || !fitted) return;
    const prev = last.current;
    const adjacent =
      prev !== null &&
      prev.trace === trace &&
      Math.abs(prev.cursor - cursor) === 1 &&
      prev.width === size.width &&
      prev.zoom === zoom;
    const duration =
      !adjacent || reducedMotion()
        ? 0
        : playing
          ? Math.min(STEP_MOTION_MS, 600 / speed)
          : STEP_MOTION_MS;
    last.current = { cursor, trace, width: size.width, zoom };
    const t0 = performance.now();
    // Only what is near the scroll box, and near where bringing the step into view will scroll.
    const view = {
      left: 0,
      top: scrollTop.current / scale,
      width: size.width / scale,
      height: size.height / scale,
    };
    const next = focusNode ? scrollToShow(focusNode, view) : scrollForStep(scene, view);
    const ranges = drawRanges(view.top, view.height, next?.top ?? null);
    const keep = new Set([focusNode?.id ?? '', selId ?? '', scene.subject ?? '']);
    drawn.current = { scene, ranges, keep, canvas: fitted };
    renderScene(el, cullScene(scene, ranges, keep), {
      canvas: fitted,
      duration,
      movers: prev !== null && cursor === prev.cursor + 1,
      onActivate,
      onHover,
    });
    // For the bench: what this step's map cost (layout, then the D3 join).
    el.setAttribute('data-layout-ms', layoutTiming.ms.toFixed(2));
    el.setAttribute('data-draw-ms', (performance.now() - t0).toFixed(2));
    el.setAttribute('data-cursor', String(cursor));
    el.setAttribute('data-scene-nodes', String(scene.nodes.length));
    setExportScene(scene);
    paintChain(el, selRef.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- scale and height only cut what is drawn
  }, [
    scene,
    fitted,
    cursor,
    trace,
    playing,
    speed,
    size.width,
    zoom,
    onActivate,
    onHover,
    focusNode,
    selId,
  ]);

  // Scrolled near the edge of what is drawn: draw the next part of the same scene.
  useEffect(() => {
    const box = scroller.current;
    const el = svg.current;
    if (!box || !el) return;
    let pending = 0;
    const onScroll = () => {
      scrollTop.current = box.scrollTop;
      if (pending) return;
      pending = requestAnimationFrame(() => {
        pending = 0;
        const d = drawn.current;
        const { scale: k, height } = geometry.current;
        if (!d) return;
        const top = scrollTop.current / k;
        const h = height / k;
        if (covers(d.ranges, top - h / 2, top + 1.5 * h)) return;
        const ranges = drawRanges(top, h);
        drawn.current = { ...d, ranges };
        renderScene(el, cullScene(d.scene, ranges, d.keep), {
          canvas: d.canvas,
          duration: 0,
          movers: false,
          onActivate,
          onHover,
          scrolled: true,
        });
        paintChain(el, selRef.current);
      });
    };
    box.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      box.removeEventListener('scroll', onScroll);
      cancelAnimationFrame(pending);
    };
  }, [onActivate, onHover]);

  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    paintChain(el, selKeys);
    for (const g of el.querySelectorAll<SVGGElement>('g.map-node.selectable')) {
      const on = sel !== null && sameSel(g, sel);
      g.classList.toggle('selected', on);
      g.setAttribute('aria-pressed', String(on));
    }
  }, [selKeys, sel, scene]);

  // The step's focus object wears a ring (drawn by map.css), on the map and in its export.
  useLayoutEffect(() => {
    const el = svg.current;
    if (!el) return;
    for (const g of el.querySelectorAll('g.map-node.step-focus')) g.classList.remove('step-focus');
    if (focusNode)
      el.querySelector(`g.map-node[data-id="${CSS.escape(focusNode.id)}"]`)?.classList.add(
        'step-focus',
      );
  }, [focusNode, scene, cursor]);

  const edges = useBringIntoView(scroller, scene, cursor, scale, size, focusNode);
  const budget = rowBudget(zoom);
  return (
    <Panel
      title="Memory map"
      name="map"
      tools={
        <span className="map-tools">
          <button
            type="button"
            className="small-btn"
            onClick={() => {
              setZoom((z) => Math.max(0, z - 1));
            }}
            aria-disabled={zoom <= 0}
            aria-label="Zoom out: aggregate more pages into runs"
          >
            −
          </button>
          <span className="small muted" data-testid="map-budget">
            {budget} rows/VMA
          </span>
          <button
            type="button"
            className="small-btn"
            onClick={() => {
              setZoom((z) => Math.min(MAX_ZOOM, z + 1));
            }}
            aria-disabled={zoom >= MAX_ZOOM}
            aria-label="Zoom in: open runs into single pages"
          >
            +
          </button>
        </span>
      }
    >
      <MapSummary text={scene?.summary ?? ''} />
      <div className="map-frame">
        <div className="map-scroll" ref={scroller} data-testid="map-scroll">
          {/* The scene's extent, which the box scrolls; the svg's larger canvas is clipped to it. */}
          <div
            className="map-extent"
            style={scene ? { width: scene.width * scale, height: scene.height * scale } : undefined}
          >
            <svg
              ref={svg}
              className="map-svg"
              role="group"
              aria-label="Memory map: processes' pages and their page-table entries, physical memory, device page tables"
              data-testid="map-svg"
              style={
                scale !== 1 && fitted
                  ? { width: fitted.width * scale, height: fitted.height * scale }
                  : undefined
              }
              onClick={() => {
                api.getState().select(null);
              }}
            />
          </div>
        </div>
        <EdgeMarkers edges={edges} only={['left', 'right']} scroller={scroller} scale={scale} />
      </div>
      {/* Under the drawing: the markers, then the key (folded, it shares their line). */}
      <div className="map-foot">
        <EdgeMarkers edges={edges} only={['up', 'down']} row scroller={scroller} scale={scale} />
        <MapLegend folded={roomy} />
      </div>
    </Panel>
  );
}

/** The map node a step's `focus` names (the first whose chain keys hold it), or null. */
function focusedNode(scene: Scene | null, text: string | null): SceneNode | null {
  const f = text === null ? null : parseFocus(text);
  const key = f === null ? null : focusKey(f);
  if (!scene || key === null) return null;
  return scene.nodes.find((n) => n.keys.includes(key) && n.kind !== 'column') ?? null;
}

/** The map node a selection selects, or null (a selection the map has no node for). */
function selectedId(sel: Selection | null): string | null {
  switch (sel?.kind) {
    case 'pte':
      return `pte:${sel.pid}:${sel.vpn}`;
    case 'page':
      return `frame:${sel.pfn}`;
    case 'device':
      return `band:${sel.device}`;
    default:
      return null;
  }
}

function sameSel(g: SVGGElement, sel: Selection): boolean {
  return g.getAttribute('data-id') === selectedId(sel);
}

export type { Scene };
