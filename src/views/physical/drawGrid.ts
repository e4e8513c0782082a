/**
 * Paint the page-frame grid. Plain functions over data (excalidraw style): the cost is one pass
 * over the visible cells' owner ranges, the stored pages inside the window and the touched pfns.
 */
import { tableGet, type KernelState } from '../../model';
import {
  type GridSize,
  type GridView,
  cellOf,
  cellRuns,
  inWindow,
  windowPages,
} from './gridLayout';
import { ownerRanges } from './owners';
import { CODE, CODE_COUNT, forEachBusyCell } from './pageCodes';
import type { GridPalette } from './palette';

export interface GridInput {
  readonly view: GridView;
  readonly size: GridSize;
  readonly state: KernelState;
  readonly touched: readonly number[];
  readonly selected: number | null;
  /** First pfn of the keyboard focus cell, when the grid has focus. */
  readonly focus?: number | null;
  readonly palette: GridPalette;
}

const patterns = new WeakMap<GridPalette, CanvasPattern | string>();

function holeFill(ctx: CanvasRenderingContext2D, p: GridPalette): CanvasPattern | string {
  const hit = patterns.get(p);
  if (hit) return hit;
  let fill: CanvasPattern | string = p.hole;
  const c = typeof document === 'undefined' ? null : document.createElement('canvas');
  const g = c?.getContext('2d');
  if (c && g) {
    c.width = c.height = 8;
    g.fillStyle = p.hole;
    g.fillRect(0, 0, 8, 8);
    g.strokeStyle = p.holeLine;
    g.beginPath();
    g.moveTo(0, 8);
    g.lineTo(8, 0);
    g.stroke();
    fill = ctx.createPattern(c, 'repeat') ?? p.hole;
  }
  patterns.set(p, fill);
  return fill;
}

export function drawGrid(ctx: CanvasRenderingContext2D, input: GridInput): void {
  const { view: v, size: g, state, palette: p } = input;
  const c = v.cell;
  const w = g.cols * c;
  const h = g.rows * c;
  const to = v.from + windowPages(v, g);
  ctx.clearRect(0, 0, w + c, h + c);
  ctx.fillStyle = holeFill(ctx, p);
  ctx.fillRect(0, 0, w, h);

  // Idle frames, by owner range: a few rectangles each.
  for (const r of ownerRanges(state)) {
    if (r.end <= v.from || r.start >= to) continue;
    const a = Math.floor((Math.max(r.start, v.from) - v.from) / v.k);
    const b = Math.ceil((Math.min(r.end, to) - v.from) / v.k);
    ctx.fillStyle = r.base === 'reserved' ? p.reserved : r.base === 'ram' ? p.ram : p.device;
    for (const run of cellRuns(a, b, g.cols))
      ctx.fillRect(run.col * c, run.row * c, run.w * c, run.h * c);
  }

  // Stored pages, batched by code so each colour is one fill.
  const byCode: number[][] = Array.from({ length: CODE_COUNT }, () => []);
  forEachBusyCell(state.pages, v.from, to, v.k, (pfn, code) => byCode[code]?.push(pfn));
  for (let code = 1; code < CODE_COUNT; code++) {
    const cells = byCode[code] ?? [];
    if (cells.length === 0) continue;
    ctx.fillStyle = p.code[code] ?? '#888';
    ctx.beginPath();
    for (const pfn of cells) {
      const { x, y } = cellOf(v, g, pfn);
      // In use but unmapped: half a cell, so it reads as "not mapped" without colour.
      if (code === CODE.used) ctx.rect(x, y + c / 2, c, c / 2);
      else ctx.rect(x, y, c, c);
    }
    ctx.fill();
  }
  if (c >= 8) decorate(ctx, byCode, input);
  if (c >= 6) gridLines(ctx, g, c, p.bg);
  if (v.k === 1 && c >= 22) mapcounts(ctx, byCode, input);
  rings(ctx, input);
}

/** Shape cues: a dot on shared pages, a slash through locked ones. */
function decorate(
  ctx: CanvasRenderingContext2D,
  byCode: number[][],
  { view: v, size: g, palette: p }: GridInput,
): void {
  const c = v.cell;
  ctx.fillStyle = p.bg;
  ctx.beginPath();
  for (const pfn of byCode[CODE.shared] ?? []) {
    const { x, y } = cellOf(v, g, pfn);
    ctx.moveTo(x + c / 2 + c / 6, y + c / 2);
    ctx.arc(x + c / 2, y + c / 2, c / 6, 0, 2 * Math.PI);
  }
  ctx.fill();
  ctx.strokeStyle = p.bg;
  ctx.lineWidth = Math.max(1.5, c / 8);
  ctx.beginPath();
  for (const pfn of byCode[CODE.locked] ?? []) {
    const { x, y } = cellOf(v, g, pfn);
    ctx.moveTo(x + 2, y + c - 2);
    ctx.lineTo(x + c - 2, y + 2);
  }
  ctx.stroke();
}

function gridLines(ctx: CanvasRenderingContext2D, g: GridSize, c: number, color: string): void {
  ctx.strokeStyle = color;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let i = 1; i < g.cols; i++) {
    ctx.moveTo(i * c + 0.5, 0);
    ctx.lineTo(i * c + 0.5, g.rows * c);
  }
  for (let j = 1; j < g.rows; j++) {
    ctx.moveTo(0, j * c + 0.5);
    ctx.lineTo(g.cols * c, j * c + 0.5);
  }
  ctx.stroke();
}

/** At page-level zoom with big cells, write each mapped page's mapcount. */
function mapcounts(
  ctx: CanvasRenderingContext2D,
  byCode: number[][],
  { view: v, size: g, state, palette: p }: GridInput,
): void {
  const c = v.cell;
  ctx.font = `${Math.round(c * 0.45)}px system-ui, sans-serif`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillStyle = p.bg;
  for (const code of [CODE.mapped, CODE.shared, CODE.locked]) {
    for (const pfn of byCode[code] ?? []) {
      const page = tableGet(state.pages, pfn);
      if (!page || page.mapcount === 0) continue;
      const { x, y } = cellOf(v, g, pfn);
      ctx.fillText(String(page.mapcount), x + 3, y + 2);
    }
  }
}

function ring(ctx: CanvasRenderingContext2D, x: number, y: number, c: number, inset: number): void {
  ctx.strokeRect(x + inset, y + inset, c - 2 * inset, c - 2 * inset);
}

/**
 * What changed this step (dashed), what is selected (solid, thicker, outside the cell) and the
 * keyboard focus cell (a double ring: focus colour inside a background-coloured one).
 */
function rings(
  ctx: CanvasRenderingContext2D,
  { view: v, size: g, touched, selected, focus, palette: p }: GridInput,
): void {
  const c = v.cell;
  ctx.lineWidth = 2;
  ctx.strokeStyle = p.changed;
  ctx.setLineDash([3, 2]);
  for (const pfn of touched) {
    if (!inWindow(v, g, pfn)) continue;
    const { x, y } = cellOf(v, g, pfn);
    ring(ctx, x, y, c, 1);
  }
  ctx.setLineDash([]);
  if (selected !== null && inWindow(v, g, selected)) {
    const { x, y } = cellOf(v, g, selected);
    ctx.lineWidth = 3;
    ctx.strokeStyle = p.selected;
    ring(ctx, x - 2, y - 2, c + 4, 0);
  }
  if (focus !== undefined && focus !== null && inWindow(v, g, focus)) {
    const { x, y } = cellOf(v, g, focus);
    ctx.lineWidth = 3;
    ctx.strokeStyle = p.focus;
    ring(ctx, x, y, c, 1.5);
    ctx.lineWidth = 1;
    ctx.strokeStyle = p.bg;
    ring(ctx, x, y, c, 3.5);
  }
}
