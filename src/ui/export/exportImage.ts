/** Export a view (or all of them) as SVG or PNG, named after the scenario, step and view. */
import { downloadBlob } from '../editor/fileIO';
import { canvasPng, snapshotPng, svgBlob } from './raster';
import { snapshotElement } from './snapshot';
import { mapPicture } from '../../views/map/exportMap';
import type { Snapshot } from './snapshot';
import { ALL_VIEWS, allViewsElement, viewTargets } from './views';

export type ImageFormat = 'svg' | 'png';

/** Lowercase words and dashes, at most 48 characters, cut between words. */
export function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (s.length <= 48) return s || 'scenario';
  const cut = s.slice(0, 49);
  const at = cut.lastIndexOf('-');
  return at > 0 ? cut.slice(0, at) : s.slice(0, 48);
}

export function imageName(title: string, step: number, view: string, ext: string): string {
  return `hmm-${slug(title)}-step${step}-${slug(view)}.${ext}`;
}

export function targetElement(view: string): HTMLElement | null {
  if (view === ALL_VIEWS) return allViewsElement();
  return viewTargets().find((v) => v.name === view)?.element ?? null;
}

/**
 * A view as an SVG snapshot, or null when it is not on screen. The memory map is drawn whole
 * (every row, not what its panel shows), without its buttons.
 */
export function snapshotView(view: string): Snapshot | null {
  if (view === 'map') {
    const pic = mapPicture();
    if (!pic) return null;
    try {
      return snapshotElement(pic.element);
    } finally {
      pic.dispose();
    }
  }
  const el = targetElement(view);
  return el ? snapshotElement(el) : null;
}

/** Returns the file name saved, or throws with a sentence. */
export async function exportImage(
  view: string,
  format: ImageFormat,
  title: string,
  step: number,
): Promise<string> {
  const snap = snapshotView(view);
  if (!snap) throw new Error('that view is not on screen');
  const blob = format === 'svg' ? svgBlob(snap) : await snapshotPng(snap);
  const name = imageName(title, step, view === ALL_VIEWS ? 'all-views' : view, format);
  downloadBlob(blob, name);
  return name;
}

/** The frame grid's own pixels (a canvas view), as PNG via toBlob. */
export async function exportGridPng(title: string, step: number): Promise<string> {
  const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="frames-canvas"]');
  if (!canvas) throw new Error('the frame grid is not on screen');
  const name = imageName(title, step, 'frame-grid', 'png');
  downloadBlob(await canvasPng(canvas), name);
  return name;
}
