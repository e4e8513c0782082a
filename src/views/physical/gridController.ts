/**
 * The page-frame grid without React (built like xyflow's XYPanZoom: create(el, options), then
 * update(props) and destroy()). It owns the canvas: its window over the pfns (zoom, pan, go to),
 * hit testing, the keyboard focus cell, the hover text and the drawing (one frame per batch of
 * changes). It writes nothing to the store: a selection goes out through options.onSelect. The
 * React shell (PhysicalView.tsx) passes props in and reads getSnapshot() for its captions.
 */
import { asPfn, lookupPage, PAGE_SHIFT, type KernelState } from '../../model';
import type { Theme } from '../../store/types';
import { hex } from '../shared/format';
import { describeCell } from './describeCell';
import { drawGrid } from './drawGrid';
import {
  centerOn,
  fitRange,
  gridSize,
  inWindow,
  isGridKey,
  MIN_CELL,
  moveFocus,
  pan,
  pfnAt,
  zoom,
  type GridSize,
  type GridView,
} from './gridLayout';
import { ownerRanges } from './owners';
import { readPalette, type GridPalette } from './palette';

/** What the grid shows, from the store and the element's box. */
export interface GridProps {
  readonly state: KernelState | undefined;
  /** The trace on screen: a new one fits the window to the first RAM frames again. */
  readonly trace: unknown;
  readonly touched: readonly number[];
  readonly selected: number | null;
  readonly theme: Theme;
  readonly width: number;
  readonly height: number;
}

/** What the shell shows around the canvas. A new object whenever any of it changes. */
export interface GridSnapshot {
  readonly view: GridView | null;
  readonly size: GridSize;
  readonly focused: boolean;
  /** First pfn of the keyboard focus cell. */
  readonly focusCell: number;
  /** The live region's text: set on each keyboard move, so a step does not re-announce it. */
  readonly said: string;
  readonly hover: string;
}

export interface GridOptions {
  /** Select a frame (a store write). */
  readonly onSelect: (pfn: number) => void;
  /** Frame scheduling (requestAnimationFrame by default; tests pass their own). */
  readonly schedule?: (draw: () => void) => number;
  readonly cancel?: (id: number) => void;
}

export interface GridController {
  readonly update: (props: GridProps) => void;
  readonly zoom: (dir: 'in' | 'out', around: number) => void;
  readonly pan: (screens: number) => void;
  /** Show a frame at page-level zoom, focus it, and select it if it has a struct page. */
  readonly goto: (pfn: number) => void;
  /** Fit the window to [start, end) pfns (an address-axis band). */
  readonly showRange: (start: number, end: number) => void;
  readonly subscribe: (listener: () => void) => () => void;
  readonly getSnapshot: () => GridSnapshot;
  readonly destroy: () => void;
}

/** Pages shown when a scenario opens: the first RAM frames, one per cell. */
const FIRST_FIT_PAGES = 256;
/** Page-level zoom of a go-to: cells at least this big. */
const GOTO_CELL = 16;

/** First pfn of the memory (RAM or a device chunk) that holds pfn. */
function rangeStart(state: KernelState, pfn: number): number {
  const r = ownerRanges(state).find((o) => pfn >= o.start && pfn < o.end);
  return r && r.base !== 'device' ? 0 : (r?.start ?? 0);
}

const EMPTY_PROPS: GridProps = {
  state: undefined,
  trace: null,
  touched: [],
  selected: null,
  theme: 'light',
  width: 0,
  height: 0,
};

export function createGridController(
  canvas: HTMLCanvasElement,
  options: GridOptions,
): GridController {
  const schedule = options.schedule ?? ((f: () => void) => requestAnimationFrame(f));
  const cancel =
    options.cancel ??
    ((id: number) => {
      cancelAnimationFrame(id);
    });
  let props = EMPTY_PROPS;
  let view: GridView | null = null;
  let fitted: { trace: unknown; width: number } | null = null;
  let lastSel: number | null = null;
  let cursor: number | null = null;
  let focused = false;
  let said = '';
  let hover = '';
  let snapshot: GridSnapshot | null = null;
  let frame: number | null = null;
  let palette: { theme: Theme; p: GridPalette } | null = null;
  const listeners = new Set<() => void>();

  const size = (): GridSize => gridSize(props.width, props.height, view?.cell ?? MIN_CELL);
  // The focus cell stays in the window (zoom, pan, go to): else it starts over at the window's top.
  const focusCell = (): number =>
    view && cursor !== null && inWindow(view, size(), cursor)
      ? Math.floor(cursor / view.k) * view.k
      : (view?.from ?? 0);

  function draw(): void {
    frame = null;
    const { state } = props;
    if (!state || !view) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    if (palette?.theme !== props.theme) palette = { theme: props.theme, p: readPalette(canvas) };
    const g = size();
    const dpr = window.devicePixelRatio || 1;
    const w = g.cols * view.cell;
    const h = g.rows * view.cell;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
      canvas.style.width = `${w}px`;
      canvas.style.height = `${h}px`;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawGrid(ctx, {
      view,
      size: g,
      state,
      touched: props.touched,
      selected: props.selected,
      focus: focused ? focusCell() : null,
      palette: palette.p,
    });
    canvas.dataset.drawn = String((Number(canvas.dataset.drawn) || 0) + 1);
  }

  /** Something the canvas or the shell shows changed: one frame, one notification. */
  function changed(): void {
    snapshot = null;
    frame ??= schedule(draw);
    for (const l of listeners) l();
  }

  function setView(next: GridView | null): void {
    if (next === view) return;
    view = next;
    changed();
  }

  /** Enter on a cell, or a click: zoom into an aggregated cell, else select the frame. */
  function activate(pfn: number): void {
    const { state } = props;
    if (!view || !state) return;
    if (view.k > 1) setView(zoom(view, size(), 'in', pfn));
    else if (lookupPage(state, asPfn(pfn))) options.onSelect(pfn);
  }

  const pointAt = (e: MouseEvent): number | null => {
    const r = canvas.getBoundingClientRect();
    return view ? pfnAt(view, size(), e.clientX - r.left, e.clientY - r.top) : null;
  };

  const onClick = (e: MouseEvent) => {
    const pfn = pointAt(e);
    if (pfn === null) return;
    cursor = pfn;
    changed();
    activate(pfn);
  };
  // A click selects without taking the keyboard: ← and → keep stepping. Keyboard users reach the
  // grid with Tab.
  const onMouseDown = (e: MouseEvent) => {
    e.preventDefault();
    const active = document.activeElement;
    if (active instanceof HTMLElement && active !== canvas) active.blur();
  };
  const onPointerMove = (e: MouseEvent) => {
    const pfn = pointAt(e);
    const { state } = props;
    const text =
      pfn === null || !view || !state
        ? ''
        : view.k > 1
          ? `pfn ${hex(pfn)}–${hex(pfn + view.k - 1)}: click to zoom in`
          : describeCell(state, view, pfn);
    if (text === hover) return;
    hover = text;
    changed();
  };
  const onPointerLeave = () => {
    if (hover === '') return;
    hover = '';
    changed();
  };
  const onFocus = () => {
    focused = true;
    if (view && props.state) said = describeCell(props.state, view, focusCell());
    changed();
  };
  const onBlur = () => {
    focused = false;
    changed();
  };
  const onKey = (e: KeyboardEvent) => {
    const { state } = props;
    if (!view || !state || e.altKey || e.ctrlKey || e.metaKey) return;
    const at = focusCell();
    const g = size();
    const maxPfn = 2 ** (state.machine.physBits - PAGE_SHIFT) - 1;
    let next: { view: GridView; pfn: number } | null = null;
    if (isGridKey(e.key)) next = moveFocus(view, g, at, e.key, maxPfn);
    else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const wasAggregate = view.k > 1;
      // Zooming in keeps the focus on the cell's first frame.
      cursor = at;
      if (wasAggregate) said = `Zoomed in. pfn ${hex(at)}`;
      changed();
      activate(at);
      return;
    } else if (e.key === '+' || e.key === '=' || e.key === '-' || e.key === '−') {
      const dir = e.key === '-' || e.key === '−' ? 'out' : 'in';
      const z = zoom(view, g, dir, at);
      next = { view: z, pfn: Math.floor(at / z.k) * z.k };
    }
    if (!next) return;
    // Ours: the transport (which steps on ←/→, Home/End, PageUp/PageDown) skips handled keys.
    e.preventDefault();
    view = next.view;
    cursor = next.pfn;
    said = describeCell(state, next.view, next.pfn);
    changed();
  };

  canvas.addEventListener('click', onClick);
  canvas.addEventListener('mousedown', onMouseDown);
  canvas.addEventListener('keydown', onKey);
  canvas.addEventListener('focus', onFocus);
  canvas.addEventListener('blur', onBlur);
  canvas.addEventListener('pointermove', onPointerMove);
  canvas.addEventListener('pointerleave', onPointerLeave);

  return {
    update(next) {
      const prev = props;
      props = next;
      const { state, width, height } = next;
      // When a scenario opens (or the grid first gets a size), show the first RAM frames.
      if (
        width > 0 &&
        height > 0 &&
        (fitted === null || fitted.trace !== next.trace || fitted.width === 0)
      ) {
        fitted = { trace: next.trace, width };
        const ram = state?.machine.ramPages ?? 1;
        view = fitRange(0, Math.min(ram, FIRST_FIT_PAGES), width, height);
      }
      // Follow the selection: bring a selected frame into the window.
      if (next.selected !== lastSel) {
        lastSel = next.selected;
        if (view && state && next.selected !== null && !inWindow(view, size(), next.selected))
          view = centerOn(view, size(), next.selected, rangeStart(state, next.selected));
      }
      const same =
        prev.state === next.state &&
        prev.touched === next.touched &&
        prev.selected === next.selected &&
        prev.theme === next.theme &&
        prev.width === next.width &&
        prev.height === next.height &&
        snapshot?.view === view;
      if (!same) changed();
    },
    zoom(dir, around) {
      if (view) setView(zoom(view, size(), dir, around));
    },
    pan(screens) {
      if (view) setView(pan(view, size(), screens));
    },
    goto(pfn) {
      const { state } = props;
      if (!state || !view) return;
      const cell = Math.max(view.cell, GOTO_CELL);
      const g = gridSize(props.width, props.height, cell);
      view = centerOn({ ...view, k: 1, cell }, g, pfn, rangeStart(state, pfn));
      cursor = pfn;
      changed();
      if (lookupPage(state, asPfn(pfn))) options.onSelect(pfn);
    },
    showRange(start, end) {
      setView(fitRange(start, end, props.width, props.height));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getSnapshot() {
      snapshot ??= {
        view,
        size: size(),
        focused,
        focusCell: focusCell(),
        said,
        hover,
      };
      return snapshot;
    },
    destroy() {
      if (frame !== null) cancel(frame);
      frame = null;
      listeners.clear();
      canvas.removeEventListener('click', onClick);
      canvas.removeEventListener('mousedown', onMouseDown);
      canvas.removeEventListener('keydown', onKey);
      canvas.removeEventListener('focus', onFocus);
      canvas.removeEventListener('blur', onBlur);
      canvas.removeEventListener('pointermove', onPointerMove);
      canvas.removeEventListener('pointerleave', onPointerLeave);
    },
  };
}
