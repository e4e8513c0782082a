import './physical.css';
import {
  memo,
  useCallback,
  useId,
  useMemo,
  useRef,
  useState,
  type Dispatch,
  type KeyboardEvent,
  type MouseEvent,
  type SetStateAction,
  type SyntheticEvent,
} from 'react';
import { asPfn, lookupPage, PAGE_SHIFT, PAGE_SIZE, pfnToPhys, type KernelState } from '../../model';
import { useApp, useAppApi } from '../../store/context';
import { selectFrame, selectKernel, selectTheme, selectTrace } from '../../store/selectors';
import { hex } from '../shared/format';
import { Panel } from '../shared/Panel';
import { useElementSize } from '../shared/useElementSize';
import { useLinked } from '../shared/useLinked';
import { AddressAxis } from './AddressAxis';
import { type AxisBand, axisHeight, layoutAxis } from './addressAxis';
import type { GridSize, GridView } from './gridLayout';
import {
  centerOn,
  fitRange,
  gridSize,
  inWindow,
  isGridKey,
  moveFocus,
  pan,
  pfnAt,
  windowPages,
  zoom,
} from './gridLayout';
import { describeCell } from './describeCell';
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

interface ToolsProps {
  readonly view: GridView;
  readonly size: GridSize;
  readonly zoomAround: number;
  readonly setView: Dispatch<SetStateAction<GridView | null>>;
  readonly onGoto: (pfn: number) => void;
}

/** Zoom, pan and go-to-pfn: re-rendered when the window or the selection moves, not per step. */
const GridTools = memo(function GridTools({ view, size, zoomAround, setView, onGoto }: ToolsProps) {
  const [goto, setGoto] = useState('');
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    const n = Number(goto.trim().startsWith('0x') ? goto.trim() : `0x${goto.trim()}`);
    if (Number.isSafeInteger(n)) onGoto(n);
  };
  return (
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
      <form onSubmit={submit} className="goto">
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
});

interface AxisProps {
  readonly state: KernelState;
  readonly height: number;
  readonly window: { start: number; end: number } | null;
  readonly selected: number | null;
  readonly onPick: (b: AxisBand) => void;
}

/** A step re-renders the axis only when it changed the resources. */
function sameAxisProps(a: AxisProps, b: AxisProps): boolean {
  return (
    a.state.resources === b.state.resources &&
    a.state.machine.physBits === b.state.machine.physBits &&
    a.height === b.height &&
    a.window?.start === b.window?.start &&
    a.window?.end === b.window?.end &&
    a.selected === b.selected &&
    a.onPick === b.onPick
  );
}

/** The resource tree: laid out again only when the resources or the height change. */
const Axis = memo(function Axis({ state, height, window: win, selected, onPick }: AxisProps) {
  const { resources } = state;
  const physBits = state.machine.physBits;
  const bands = useMemo(
    () => layoutAxis(physBits, resources, { height: Math.max(100, height - 4) }),
    [physBits, resources, height],
  );
  return (
    <AddressAxis
      bands={bands}
      width={AXIS_W}
      height={axisHeight(bands)}
      window={win}
      selected={selected}
      onPick={onPick}
    />
  );
}, sameAxisProps);

/**
 * The physical address space: the resource tree on a broken axis, and a zoomable frame grid. The
 * grid is a keyboard widget: arrows move a focus cell (and scroll the window by rows), Home/End go
 * to the ends of a row, PageUp/PageDown move a screen, Enter or Space selects the frame (or zooms
 * into an aggregated cell), + and − zoom. While the grid has focus, ← and → move the cell instead
 * of stepping the scenario; Tab out of it to step again. A click selects without taking focus.
 */
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
  // Keyboard focus: the focused cell's first pfn, whether the canvas has focus, and what the live
  // region says (set on each move, so a step does not re-announce it).
  const [cursor, setCursor] = useState<number | null>(null);
  const [focused, setFocused] = useState(false);
  const [said, setSaid] = useState('');
  const hintId = useId();

  const ramPages = state?.machine.ramPages ?? 1;
  // When a scenario loads (or the grid first gets a size), show the first RAM frames one by one.
  if (box.width > 0 && box.height > 0 && (fitted?.trace !== trace || fitted.width === 0)) {
    setFitted({ trace, width: box.width });
    setView(fitRange(0, Math.min(ramPages, 256), box.width, box.height));
  }
  const cell = view?.cell ?? 10;
  const size = useMemo(() => gridSize(box.width, box.height, cell), [box.width, box.height, cell]);
  // Follow the selection: bring a selected frame into the window.
  if (linked.pfn !== lastSel) {
    setLastSel(linked.pfn);
    if (view && state && linked.pfn !== null && !inWindow(view, size, linked.pfn))
      setView(centerOn(view, size, linked.pfn, rangeStart(state, linked.pfn)));
  }
  // The focus cell stays in the window (zoom, pan, go to): else it starts over at the window's top.
  const focusCell =
    view && cursor !== null && inWindow(view, size, cursor)
      ? Math.floor(cursor / view.k) * view.k
      : (view?.from ?? 0);

  useGridDraw({
    canvas,
    state,
    view,
    size,
    touched: frame?.touched.pfns ?? EMPTY,
    selected: linked.pfn,
    focus: focused ? focusCell : null,
    theme,
  });

  const onGoto = useCallback(
    (n: number) => {
      const s = selectKernel(api.getState());
      if (!s) return;
      setView((v) => {
        if (!v) return v;
        const cellSize = Math.max(v.cell, 16);
        const g = gridSize(box.width, box.height, cellSize);
        return centerOn({ ...v, k: 1, cell: cellSize }, g, n, rangeStart(s, n));
      });
      setCursor(n);
      if (lookupPage(s, asPfn(n))) api.getState().select({ kind: 'page', pfn: asPfn(n) });
    },
    [api, box.width, box.height],
  );
  const onPick = useCallback(
    (b: AxisBand) => {
      setView(fitRange(b.start / PAGE_SIZE, b.end / PAGE_SIZE, box.width, box.height));
    },
    [box.width, box.height],
  );

  /** Enter on a cell, or a click: zoom into an aggregated cell, else select the frame. */
  const activate = (pfn: number) => {
    if (!view || !state) return;
    if (view.k > 1) setView(zoom(view, size, 'in', pfn));
    else if (lookupPage(state, asPfn(pfn)))
      api.getState().select({ kind: 'page', pfn: asPfn(pfn) });
  };
  const at = (e: MouseEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return view ? pfnAt(view, size, e.clientX - r.left, e.clientY - r.top) : null;
  };
  const onClick = (e: MouseEvent<HTMLCanvasElement>) => {
    const pfn = at(e);
    if (pfn === null) return;
    setCursor(pfn);
    activate(pfn);
  };
  const onMove = (e: MouseEvent<HTMLCanvasElement>) => {
    const pfn = at(e);
    if (pfn === null || !view || !state) {
      setHover('');
      return;
    }
    setHover(
      view.k > 1
        ? `pfn ${hex(pfn)}–${hex(pfn + view.k - 1)}: click to zoom in`
        : describeCell(state, view, pfn),
    );
  };
  const onKey = (e: KeyboardEvent<HTMLCanvasElement>) => {
    if (!view || !state || e.altKey || e.ctrlKey || e.metaKey) return;
    const maxPfn = 2 ** (state.machine.physBits - PAGE_SHIFT) - 1;
    let next: { view: GridView; pfn: number } | null = null;
    if (isGridKey(e.key)) next = moveFocus(view, size, focusCell, e.key, maxPfn);
    else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      activate(focusCell);
      // Zooming in keeps the focus on the cell's first frame.
      setCursor(focusCell);
      if (view.k > 1) setSaid(`Zoomed in. pfn ${hex(focusCell)}`);
      return;
    } else if (e.key === '+' || e.key === '=' || e.key === '-' || e.key === '−') {
      const dir = e.key === '-' || e.key === '−' ? 'out' : 'in';
      const z = zoom(view, size, dir, focusCell);
      next = { view: z, pfn: Math.floor(focusCell / z.k) * z.k };
    }
    if (!next) return;
    // Ours: the transport (which steps on ←/→, Home/End, PageUp/PageDown) skips handled keys.
    e.preventDefault();
    if (next.view !== view) setView(next.view);
    setCursor(next.pfn);
    setSaid(describeCell(state, next.view, next.pfn));
  };

  const winPages = view ? windowPages(view, size) : 0;
  // Zoom around the selected frame when it is on screen, else around the middle.
  const zoomAround =
    view && linked.pfn !== null && inWindow(view, size, linked.pfn)
      ? linked.pfn
      : (view?.from ?? 0) + winPages / 2;
  const win = useMemo(
    () =>
      view
        ? { start: pfnToPhys(asPfn(view.from)), end: pfnToPhys(asPfn(view.from + winPages)) }
        : null,
    [view, winPages],
  );
  const tools = view && (
    <GridTools view={view} size={size} zoomAround={zoomAround} setView={setView} onGoto={onGoto} />
  );
  const range = view ? `${hex(view.from)} to ${hex(view.from + winPages - 1)}` : '';
  return (
    <Panel title="Physical address space" name="physical" tools={tools}>
      <div className="physical">
        <div className="axis-wrap" ref={axisWrap}>
          {state && (
            <Axis
              state={state}
              height={axisBox.height}
              window={win}
              selected={linked.pfn}
              onPick={onPick}
            />
          )}
        </div>
        <div className="grid-col">
          <p className="grid-caption" data-testid="grid-caption">
            {view
              ? `pfn ${hex(view.from)}–${hex(view.from + winPages - 1)} · 1 cell = ${view.k} page${view.k > 1 ? 's' : ''}`
              : ''}
            <span className="hover">
              {' '}
              {focused && view && state
                ? `${describeCell(state, view, focusCell)} (arrows move, Enter selects, Tab leaves)`
                : hover}
            </span>
          </p>
          <div className="grid-wrap" ref={wrap}>
            <canvas
              ref={canvas}
              className="frames"
              tabIndex={0}
              role="application"
              aria-roledescription="frame grid"
              aria-label={view ? `Page frames ${range}` : 'Page frames'}
              aria-describedby={hintId}
              title="Arrow keys move between frames, Enter selects, + and − zoom. While the grid has focus, ← and → do not step: Tab out to step."
              onClick={onClick}
              // A click selects without taking the keyboard: ← and → keep stepping. Keyboard users
              // reach the grid with Tab.
              onMouseDown={(e) => {
                e.preventDefault();
                const active = document.activeElement;
                if (active instanceof HTMLElement && active !== e.currentTarget) active.blur();
              }}
              onKeyDown={onKey}
              onFocus={() => {
                setFocused(true);
                if (view && state) setSaid(describeCell(state, view, focusCell));
              }}
              onBlur={() => {
                setFocused(false);
              }}
              onPointerMove={onMove}
              onPointerLeave={() => {
                setHover('');
              }}
              data-testid="frames-canvas"
            />
          </div>
          <p id={hintId} className="sr-only">
            Arrow keys move between frames, Home and End go to the ends of a row, Page Up and Page
            Down move a screen, Enter selects the frame, plus and minus zoom. While the grid has
            focus, the arrow keys do not step the scenario.
          </p>
          <p className="sr-only" aria-live="polite" data-testid="grid-focus">
            {focused ? said : ''}
          </p>
        </div>
        <GridLegend />
      </div>
    </Panel>
  );
}
