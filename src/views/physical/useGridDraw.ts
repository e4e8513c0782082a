import { useLayoutEffect, useRef, type RefObject } from 'react';
import type { KernelState } from '../../model';
import type { Theme } from '../../store/types';
import { drawGrid } from './drawGrid';
import type { GridSize, GridView } from './gridLayout';
import { type GridPalette, readPalette } from './palette';

interface Args {
  readonly canvas: RefObject<HTMLCanvasElement | null>;
  readonly state: KernelState | undefined;
  readonly view: GridView | null;
  readonly size: GridSize;
  readonly touched: readonly number[];
  readonly selected: number | null;
  /** The keyboard focus cell, or null when the grid does not have focus. */
  readonly focus: number | null;
  readonly theme: Theme;
}

/**
 * Redraw the grid once per animation frame when its inputs change (the cursor, the selection,
 * the keyboard focus, zoom or theme); several changes in one frame draw once.
 */
export function useGridDraw({
  canvas,
  state,
  view,
  size,
  touched,
  selected,
  focus,
  theme,
}: Args): void {
  const palette = useRef<{ theme: Theme; p: GridPalette } | null>(null);
  // A layout effect only schedules the frame, in the same commit as the DOM views.
  useLayoutEffect(() => {
    const el = canvas.current;
    if (!el || !state || !view) return;
    const id = requestAnimationFrame(() => {
      const ctx = el.getContext('2d');
      if (!ctx) return;
      if (palette.current?.theme !== theme) palette.current = { theme, p: readPalette(el) };
      const dpr = window.devicePixelRatio || 1;
      const w = size.cols * view.cell;
      const h = size.rows * view.cell;
      if (el.width !== Math.round(w * dpr) || el.height !== Math.round(h * dpr)) {
        el.width = Math.round(w * dpr);
        el.height = Math.round(h * dpr);
        el.style.width = `${w}px`;
        el.style.height = `${h}px`;
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      drawGrid(ctx, { view, size, state, touched, selected, focus, palette: palette.current.p });
      el.dataset.drawn = String((Number(el.dataset.drawn) || 0) + 1);
    });
    return () => {
      cancelAnimationFrame(id);
    };
  }, [canvas, state, view, size, touched, selected, focus, theme]);
}
