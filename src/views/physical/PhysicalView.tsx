import './physical.css';
import { useMemo, useRef, useState } from 'react';
import type { MouseEvent, SyntheticEvent } from 'react';
import { asPfn } from '../../model/ids';
import { lookupPage } from '../../model/page_store';
import type { KernelState } from '../../model/types';
import { useApp, useAppApi } from '../../store/context';
import { selectFrame, selectTheme, selectTrace } from '../../store/selectors';
import { hex } from '../shared/format';
import { Panel } from '../shared/Panel';
import { useElementSize } from '../shared/useElementSize';
import { useLinked } from '../shared/useLinked';
import { AddressAxis } from './AddressAxis';
import { axisHeight, layoutAxis } from './addressAxis';
import type { GridView } from './gridLayout';
import {
  centerOn,
  fitRange,
  gridSize,
  inWindow,
  pan,
  pfnAt,
  windowPages,
  zoom,
} from './gridLayout';
import { GridLegend } from './GridLegend';
import { ownerRanges } from './owners';
import { useGridDraw } from './useGridDraw';

const AXIS_W = 170;

/** First pfn of the memory (RAM or a device chunk) that holds pfn. */
function rangeStart(state: KernelState, pfn: number): number {
  const r = ownerRanges(state).find((o) => pfn >= o.start && pfn < o.end);
  return r && r.base !== 'device' ? 0 : (r?.start ?? 0);
}

const EMPTY: readonly number[] = [];

/** The physical address space: the resource tree on a broken axis, and a zoomable frame grid. */
export function PhysicalView() {
  const api = useAppApi();
  const frame = useApp(selectFrame);
  const trace = useApp(selectTrace);
  const theme = useApp(selectTheme);
  const linked = useLinked();
  const state = frame?.state;
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useElementSize(wrap);
  const axisWrap = useRef<HTMLDivElement>(null);
  const axisBox = useElementSize(axisWrap);
  const [view, setView] = useState<GridView | null>(null);
  const [fitted, setFitted] = useState<{ trace: unknown; width: number } | null>(null);
  const [lastSel, setLastSel] = useState<number | null>(null);
  const [hover, setHover] = useState<string>('');
  const [goto, setGoto] = useState('');

  const ramPages = state?.machine.ramPages ?? 1;
  // When a scenario loads (or the grid first gets a size), show the first RAM frames one by one.
  if (box.width > 0 && box.height > 0 && (fitted?.trace !== trace || fitted.width === 0)) {
    setFitted({ trace, width: box.width });
    setView(fitRange(0, Math.min(ramPages, 256), box.width, box.height));
  }
  const size = gridSize(box.width, box.height, view?.cell ?? 10);
  // Follow the selection: bring a selected frame into the window.
  if (linked.pfn !== lastSel) {
    setLastSel(linked.pfn);
    if (view && state && linked.pfn !== null && !inWindow(view, size, linked.pfn))
      setView(centerOn(view, size, linked.pfn, rangeStart(state, linked.pfn)));
  }

  const bands = useMemo(
    () =>
      state
        ? layoutAxis(state.machine.physBits, state.resources, {
            height: Math.max(100, axisBox.height - 4),
          })
        : [],
    [state, axisBox.height],
  );
  useGridDraw({
    canvas,
    state,
    view,
    size,
    touched: frame?.touched.pfns ?? EMPTY,
    selected: linked.pfn,
    theme,
  });

  const at = (e: MouseEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return view ? pfnAt(view, size, e.clientX - r.left, e.clientY - r.top) : null;
  };
  const onClick = (e: MouseEvent<HTMLCanvasElement>) => {
    const pfn = at(e);
    if (pfn === null || !view || !state) return;
    if (view.k > 1) setView(zoom(view, size, 'in', pfn));
    else if (lookupPage(state, asPfn(pfn)))
      api.getState().select({ kind: 'page', pfn: asPfn(pfn) });
  };
  const onMove = (e: MouseEvent<HTMLCanvasElement>) => {
    const pfn = at(e);
    if (pfn === null || !view || !state) {
      setHover('');
      return;
    }
    if (view.k > 1) {
      setHover(`pfn ${hex(pfn)}–${hex(pfn + view.k - 1)}: click to zoom in`);
      return;
    }
    const p = lookupPage(state, asPfn(pfn));
    setHover(
      p
        ? `pfn ${hex(pfn)} · ${p.memory} · refcount ${p.refcount} · mapcount ${p.mapcount}${p.locked ? ' · locked' : ''}`
        : `pfn ${hex(pfn)}: no struct page`,
    );
  };
  const onGoto = (e: SyntheticEvent) => {
    e.preventDefault();
    const n = Number(goto.trim().startsWith('0x') ? goto.trim() : `0x${goto.trim()}`);
    if (!Number.isSafeInteger(n) || !view || !state) return;
    const cell = Math.max(view.cell, 16);
    const g = gridSize(box.width, box.height, cell);
    setView(centerOn({ ...view, k: 1, cell }, g, n, rangeStart(state, n)));
    if (lookupPage(state, asPfn(n))) api.getState().select({ kind: 'page', pfn: asPfn(n) });
  };

  const winPages = view ? windowPages(view, size) : 0;
  // Zoom around the selected frame when it is on screen, else around the middle.
  const zoomAround =
    view && linked.pfn !== null && inWindow(view, size, linked.pfn)
      ? linked.pfn
      : (view?.from ?? 0) + winPages / 2;
  const tools = view && (
    <div className="grid-tools">
      <button
        type="button"
        aria-label="Zoom out"
        onClick={() => {
          setView(zoom(view, size, 'out', zoomAround));
        }}
      >
        −
      </button>
      <button
        type="button"
        aria-label="Zoom in"
        onClick={() => {
          setView(zoom(view, size, 'in', zoomAround));
        }}
      >
        +
      </button>
      <button
        type="button"
        aria-label="Lower addresses"
        onClick={() => {
          setView(pan(view, size, -1));
        }}
      >
        ‹
      </button>
      <button
        type="button"
        aria-label="Higher addresses"
        onClick={() => {
          setView(pan(view, size, 1));
        }}
      >
        ›
      </button>
      <form onSubmit={onGoto} className="goto">
        <label>
          pfn{' '}
          <input
            value={goto}
            onChange={(e) => {
              setGoto(e.currentTarget.value);
            }}
            size={10}
            placeholder="0x10"
          />
        </label>
        <button type="submit">Go</button>
      </form>
    </div>
  );
  return (
    <Panel title="Physical address space" name="physical" tools={tools}>
      <div className="physical">
        <div className="axis-wrap" ref={axisWrap}>
          {state && (
            <AddressAxis
              bands={bands}
              width={AXIS_W}
              height={axisHeight(bands)}
              window={view ? { start: view.from * 4096, end: (view.from + winPages) * 4096 } : null}
              selected={linked.pfn}
              onPick={(b) => {
                setView(fitRange(b.start / 4096, b.end / 4096, box.width, box.height));
              }}
            />
          )}
        </div>
        <div className="grid-col">
          <p className="grid-caption" data-testid="grid-caption">
            {view
              ? `pfn ${hex(view.from)}–${hex(view.from + winPages - 1)} · 1 cell = ${view.k} page${view.k > 1 ? 's' : ''}`
              : ''}
            <span className="hover"> {hover}</span>
          </p>
          <div className="grid-wrap" ref={wrap}>
            <canvas
              ref={canvas}
              className="frames"
              role="img"
              aria-label={
                view
                  ? `Page frames ${hex(view.from)} to ${hex(view.from + winPages - 1)}`
                  : 'Page frames'
              }
              onClick={onClick}
              onPointerMove={onMove}
              onPointerLeave={() => {
                setHover('');
              }}
              data-testid="frames-canvas"
            />
          </div>
        </div>
        <GridLegend />
      </div>
    </Panel>
  );
}
