/** The map's grid: column positions for a viewport width, row heights, budgets per zoom level. */
import { TABLE_LEAF_SIZE } from '../../model';

/** Aggregated rows start on table-leaf boundaries, so their cached summaries are whole nodes. */
export const LEAF = TABLE_LEAF_SIZE;

export const TOP = 34;
export const PAD = 8;
export const PROC_H = 26;
export const VMA_H = 36;
/** Row pitch of PTE and mirror rows, frame pitch; the box is 6 px shorter than its pitch. */
export interface Metrics {
  readonly row: number;
  readonly frame: number;
  readonly table: number;
}
/** Desk: compact. Roomy (presenter): every target is ≥ 44 px tall at the projector's 1.3 zoom. */
export const DESK: Metrics = { row: 34, frame: 38, table: 34 };
export const ROOMY: Metrics = { row: 40, frame: 42, table: 36 };
export const BAND_H = 40;
export const MORE_H = 24;
export const GAP = 10;

export const ADDR_W = 116;
export const GLYPH_W = 46;
export const FRAME_W = 236;
export const MIRROR_W = 150;
const MIN_GAP1 = 84;
const MIN_GAP2 = 56;
/** Below this width (a phone), the compact grid: narrower boxes, device page tables stacked. */
export const NARROW = 560;
const NARROW_ADDR_W = 96;
const NARROW_FRAME_W = 166;
const NARROW_GAP = 26;

export const MAX_ZOOM = 5;

/** Rows one VMA may take before its pages aggregate into runs: 16 at zoom 0, doubling per step. */
export const rowBudget = (zoom: number): number =>
  16 << Math.max(0, Math.min(MAX_ZOOM, Math.round(zoom)));

/** Changed objects drawn one by one per VMA / band / mirror table; beyond that they aggregate. */
export const CHANGED_CAP = 32;

export interface Columns {
  readonly addr: number;
  readonly glyph: number;
  readonly frame: number;
  readonly mirror: number;
  /** Widths of the process rows (address + glyph), frames and mirror rows. */
  readonly rowW: number;
  readonly frameW: number;
  readonly mirrorW: number;
  /**
   * The device page tables sit under the processes (left of the frames) instead of in a third
   * column: a phone has room for two columns only.
   */
  readonly stacked: boolean;
  readonly width: number;
}

/** Spread the spare width over the two link gaps (more to the CPU side, where most links are). */
export function columns(viewportWidth: number, withMirrors: boolean): Columns {
  if (viewportWidth > 0 && viewportWidth < NARROW) {
    const addr = PAD;
    const glyph = addr + NARROW_ADDR_W + 4;
    const rowW = NARROW_ADDR_W + 4 + GLYPH_W;
    const spare = Math.max(0, viewportWidth - (PAD + rowW + NARROW_GAP + NARROW_FRAME_W + PAD));
    const frame = addr + rowW + NARROW_GAP + Math.min(60, spare);
    // Width beyond the gap's share widens the frames (up to the desk width), so that their
    // two-line labels fit: a wide phone, or presenter mode's map drawn larger (MapView).
    const frameW = Math.min(FRAME_W, NARROW_FRAME_W + Math.max(0, spare - 60));
    return {
      addr,
      glyph,
      frame,
      mirror: addr,
      rowW,
      frameW,
      mirrorW: rowW,
      stacked: true,
      width: frame + frameW + PAD,
    };
  }
  const fixed =
    PAD + ADDR_W + 4 + GLYPH_W + MIN_GAP1 + FRAME_W + (withMirrors ? MIN_GAP2 + MIRROR_W : 0) + PAD;
  const spare = Math.max(0, viewportWidth - fixed);
  const g1 = MIN_GAP1 + Math.min(220, spare * (withMirrors ? 0.6 : 1));
  const g2 = withMirrors ? MIN_GAP2 + Math.min(160, spare * 0.4) : 0;
  const addr = PAD;
  const glyph = addr + ADDR_W + 4;
  const frame = glyph + GLYPH_W + g1;
  const mirror = frame + FRAME_W + g2;
  const width = (withMirrors ? mirror + MIRROR_W : frame + FRAME_W) + PAD;
  return {
    addr,
    glyph,
    frame,
    mirror,
    rowW: ADDR_W + 4 + GLYPH_W,
    frameW: FRAME_W,
    mirrorW: MIRROR_W,
    stacked: false,
    width,
  };
}
