/**
 * The physical address space as a picture: every frame that has a struct page, not the window the
 * panel shows. Each run of memory (RAM with its reserved ends, each device chunk) is its own grid,
 * captioned with its pfns, drawn by the panel's own drawGrid at one page per cell when it fits
 * (else 2, 4, … pages per cell), with the address axis above and the key below. No zoom or go-to
 * controls: a picture has nothing to press.
 */
import type { KernelState } from '../../model';
import { hex } from '../shared/format';
import { drawGrid } from './drawGrid';
import { ownerRanges, type OwnerRange } from './owners';
import { readPalette } from './palette';

/** What the grid drew last: the view records it (as the map records its scene). */
let current: { state: KernelState; touched: readonly number[] } | null = null;

export function setExportGrid(state: KernelState | undefined, touched: readonly number[]): void {
  current = state ? { state, touched } : null;
}

const COLS = 128;
const CELL = 8;
const MAX_ROWS = 128;
/** Pixels per CSS pixel in the picture's canvases (crisp when the PNG is drawn at 2×). */
const DENSITY = 2;

export interface GridBlock {
  readonly start: number;
  readonly end: number;
  readonly k: number;
  readonly rows: number;
  readonly label: string;
}

/** Contiguous owner ranges merged into blocks, each with the pages per cell that fit it. */
export function gridBlocks(ranges: readonly OwnerRange[]): GridBlock[] {
  const runs: { start: number; end: number; device: boolean }[] = [];
  for (const r of ranges) {
    const last = runs.at(-1);
    if (last && last.end === r.start) last.end = r.end;
    else runs.push({ start: r.start, end: r.end, device: r.base === 'device' });
  }
  return runs.map(({ start, end, device }) => {
    const pages = end - start;
    let k = 1;
    while (Math.ceil(pages / k / COLS) > MAX_ROWS) k *= 2;
    const rows = Math.max(1, Math.ceil(pages / k / COLS));
    const kind = device ? 'device memory' : 'RAM';
    const per = k === 1 ? '1 cell = 1 page' : `1 cell = ${k} pages`;
    return {
      start,
      end,
      k,
      rows,
      label: `${kind}: pfn ${hex(start)}–${hex(end - 1)} (${pages} pages) · ${per}`,
    };
  });
}

export interface GridPicture {
  readonly element: HTMLElement;
  /** The blocks drawn, in address order. */
  readonly blocks: readonly GridBlock[];
  dispose(): void;
}

export function gridPicture(): GridPicture | null {
  const src = current;
  const panel = document.querySelector<HTMLElement>('[data-testid="view-physical"]');
  const live = panel?.querySelector<HTMLCanvasElement>('canvas.frames');
  if (!src || !panel || !live) return null;
  const palette = readPalette(live);
  const root = document.createElement('section');
  root.className = 'panel physical-picture';
  root.style.setProperty('position', 'fixed');
  root.style.setProperty('left', '-100000px');
  root.style.setProperty('top', '0');
  root.style.setProperty('width', `${COLS * CELL + 24}px`);
  root.style.setProperty('height', 'auto');
  root.style.setProperty('padding', '8px');
  const title = document.createElement('h2');
  title.textContent = 'Physical address space';
  root.append(title);
  const axis = panel.querySelector('.axis-wrap svg');
  if (axis) root.append(axis.cloneNode(true));
  const blocks = gridBlocks(ownerRanges(src.state));
  for (const b of blocks) {
    const caption = document.createElement('p');
    caption.className = 'grid-caption';
    caption.textContent = b.label;
    const canvas = document.createElement('canvas');
    canvas.width = COLS * CELL * DENSITY;
    canvas.height = b.rows * CELL * DENSITY;
    canvas.style.setProperty('width', `${COLS * CELL}px`);
    canvas.style.setProperty('height', `${b.rows * CELL}px`);
    canvas.style.setProperty('display', 'block');
    canvas.setAttribute('aria-label', b.label);
    const ctx = canvas.getContext('2d');
    if (ctx) {
      ctx.setTransform(DENSITY, 0, 0, DENSITY, 0, 0);
      drawGrid(ctx, {
        view: { from: b.start, k: b.k, cell: CELL },
        size: { cols: COLS, rows: b.rows },
        state: src.state,
        touched: src.touched,
        selected: null,
        focus: null,
        palette,
      });
    }
    root.append(caption, canvas);
  }
  const legend = panel.querySelector('.grid-legend');
  if (legend) root.append(legend.cloneNode(true));
  document.body.append(root);
  return {
    element: root,
    blocks,
    dispose: () => {
      root.remove();
    },
  };
}
