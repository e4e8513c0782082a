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
import { setExportScene } from './exportMap';
import { paintChain, renderScene } from './render';
import type { Scene, SceneNode } from './scene';
import { EdgeMarkers } from './EdgeMarkers';
import { useBringIntoView } from './useBringIntoView';
import { layoutTiming } from './timedLayout';
import { useMapScene } from './useMapScene';
import { focusKey, parseFocus } from '../../scenarios/focus';

const FULL_MS = 480;
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
  useLayoutEffect(() => {
    selRef.current = selKeys;
    stateRef.current = state;
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
    if (!el || !scene) return;
    const prev = last.current;
    const adjacent =
      prev !== null &&
      prev.trace === trace &&
      Math.abs(prev.cursor - cursor) === 1 &&
      prev.width === size.width &&
      prev.zoom === zoom;
    const duration =
      !adjacent || reducedMotion() ? 0 : playing ? Math.min(FULL_MS, 600 / speed) : FULL_MS;
    last.current = { cursor, trace, width: size.width, zoom };
    const t0 = performance.now();
    renderScene(el, scene, {
      duration,
      movers: prev !== null && cursor === prev.cursor + 1,
      onActivate,
      onHover,
    });
    // For the bench: what this step's map cost (layout, then the D3 join).
    el.setAttribute('data-layout-ms', layoutTiming.ms.toFixed(2));
    el.setAttribute('data-draw-ms', (performance.now() - t0).toFixed(2));
    el.setAttribute('data-cursor', String(cursor));
    setExportScene(scene);
    paintChain(el, selRef.current);
  }, [scene, cursor, trace, playing, speed, size.width, zoom, onActivate, onHover]);

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

  // A phone draws the whole width a little smaller rather than scroll sideways.
  const scale =
    scene && size.width > 0 && scene.width * k > size.width ? size.width / scene.width : k;
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
      <p className="map-summary" data-testid="map-summary">
        <span className="map-summary-head">This step: </span>
        {scene?.summary ?? ''}
      </p>
      <div className="map-frame">
        <div className="map-scroll" ref={scroller} data-testid="map-scroll">
          <svg
            ref={svg}
            className="map-svg"
            role="group"
            aria-label="Memory map: processes' pages and their page-table entries, physical memory, device page tables"
            data-testid="map-svg"
            style={
              scale !== 1 && scene
                ? { width: scene.width * scale, height: scene.height * scale }
                : undefined
            }
            onClick={() => {
              api.getState().select(null);
            }}
          />
        </div>
        <EdgeMarkers edges={edges} scroller={scroller} scale={scale} />
      </div>
      <MapLegend folded={roomy} />
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

function sameSel(g: SVGGElement, sel: Selection): boolean {
  const id = g.getAttribute('data-id') ?? '';
  switch (sel.kind) {
    case 'pte':
      return id === `pte:${sel.pid}:${sel.vpn}`;
    case 'page':
      return id === `frame:${sel.pfn}`;
    case 'device':
      return id === `band:${sel.device}`;
    default:
      return false;
  }
}

export type { Scene };
