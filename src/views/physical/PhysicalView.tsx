import './physical.css';
import {
  memo,
  useCallback,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type SyntheticEvent,
} from 'react';
import { asPfn, PAGE_SIZE, pfnToPhys, type KernelState } from '../../model';
import { useApp, useAppApi } from '../../store/context';
import { selectFrame, selectTheme, selectTrace } from '../../store/selectors';
import { hex } from '../shared/format';
import { Panel } from '../shared/Panel';
import { useElementSize } from '../shared/useElementSize';
import { useLinked } from '../shared/useLinked';
import { AddressAxis } from './AddressAxis';
import { type AxisBand, axisHeight, layoutAxis } from './addressAxis';
import { inWindow, windowPages } from './gridLayout';
import { describeCell } from './describeCell';
import { GridLegend } from './GridLegend';
import { createGridController, type GridController, type GridSnapshot } from './gridController';
import { setExportGrid } from './exportGrid';

const AXIS_W = 170;

const EMPTY: readonly number[] = [];
const noSubscribe = () => () => undefined;
const NO_SNAPSHOT: GridSnapshot = {
  view: null,
  size: { cols: 1, rows: 1 },
  focused: false,
  focusCell: 0,
  said: '',
  hover: '',
};
const noSnapshot = () => NO_SNAPSHOT;

interface ToolsProps {
  readonly grid: GridController;
  readonly zoomAround: number;
}

/** Zoom, pan and go-to-pfn: re-rendered when the window or the selection moves, not per step. */
const GridTools = memo(function GridTools({ grid, zoomAround }: ToolsProps) {
  const [goto, setGoto] = useState('');
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    const n = Number(goto.trim().startsWith('0x') ? goto.trim() : `0x${goto.trim()}`);
    if (Number.isSafeInteger(n)) grid.goto(n);
  };
  return (
    <div className="grid-tools">
      <button
        type="button"
        aria-label="Zoom out"
        onClick={() => {
          grid.zoom('out', zoomAround);
        }}
      >
        −
      </button>
      <button
        type="button"
        aria-label="Zoom in"
        onClick={() => {
          grid.zoom('in', zoomAround);
        }}
      >
        +
      </button>
      <button
        type="button"
        aria-label="Lower addresses"
        onClick={() => {
          grid.pan(-1);
        }}
      >
        ‹
      </button>
      <button
        type="button"
        aria-label="Higher addresses"
        onClick={() => {
          grid.pan(1);
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
  const hintId = useId();
  // The grid controller owns the canvas; the shell only passes props and forwards selections.
  const [grid, setGrid] = useState<GridController | null>(null);
  useLayoutEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const c = createGridController(el, {
      onSelect: (pfn) => {
        api.getState().select({ kind: 'page', pfn: asPfn(pfn) });
      },
    });
    setGrid(c);
    return () => {
      c.destroy();
    };
  }, [api]);
  const touched = frame?.touched.pfns ?? EMPTY;
  useLayoutEffect(() => {
    setExportGrid(state, touched);
    grid?.update({
      state,
      trace,
      touched,
      selected: linked.pfn,
      theme,
      width: box.width,
      height: box.height,
    });
  }, [grid, state, trace, touched, linked.pfn, theme, box.width, box.height]);
  const snap = useSyncExternalStore(
    grid?.subscribe ?? noSubscribe,
    grid?.getSnapshot ?? noSnapshot,
  );
  const { view, size, focused, focusCell, said, hover } = snap;

  const onPick = useCallback(
    (b: AxisBand) => {
      grid?.showRange(b.start / PAGE_SIZE, b.end / PAGE_SIZE);
    },
    [grid],
  );

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
  const tools = view && grid && <GridTools grid={grid} zoomAround={zoomAround} />;
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
