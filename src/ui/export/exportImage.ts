/** Export a view (or all of them) as SVG or PNG, named after the scenario, step and view. */
import { downloadBlob } from '../editor/fileIO';
import { snapshotPng, svgBlob } from './raster';
import { snapshotElement } from './snapshot';
import { mapPicture } from '../../views/map/exportMap';
import { gridPicture } from '../../views/physical/exportGrid';
import { wholePanelPicture, type Picture } from './wholeView';
import type { Snapshot } from './snapshot';
import { ALL_VIEWS, viewTargets } from './views';

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
  return viewTargets().find((v) => v.name === view)?.element ?? null;
}

/**
 * A view as a picture of all of its content, laid out off screen: the memory map drawn whole
 * (every row), the frame grid as every frame of RAM and device memory, the other panels with
 * every scroll box opened (the kernel path with every function of the step, unfolded); never
 * buttons. All views: each view's picture, one under the other. Null when it is not on screen.
 */
export function viewPicture(view: string): Picture | null {
  if (view === 'map') return mapPicture();
  if (view === 'physical') return gridPicture();
  if (view === ALL_VIEWS) {
    const parts = viewTargets()
      .filter((v) => v.name !== 'compare')
      .map((v) => viewPicture(v.name))
      .filter((p): p is Picture => p !== null);
    if (parts.length === 0) return null;
    const root = document.createElement('div');
    root.className = 'views-picture';
    root.style.setProperty('position', 'fixed');
    root.style.setProperty('left', '-100000px');
    root.style.setProperty('top', '0');
    root.style.setProperty('display', 'flex');
    root.style.setProperty('flex-direction', 'column');
    root.style.setProperty('align-items', 'flex-start');
    root.style.setProperty('gap', '12px');
    root.style.setProperty('width', 'max-content');
    for (const p of parts) {
      p.element.style.setProperty('position', 'static');
      root.append(p.element);
    }
    document.body.append(root);
    return {
      element: root,
      dispose: () => {
        root.remove();
      },
    };
  }
  const el = targetElement(view);
  return el ? wholePanelPicture(el) : null;
}

/** A view as an SVG snapshot of its picture, or null when it is not on screen. */
export function snapshotView(view: string): Snapshot | null {
  const pic = viewPicture(view);
  if (!pic) return null;
  try {
    return snapshotElement(pic.element);
  } finally {
    pic.dispose();
  }
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

/**
 * The frame grid as PNG: every frame of RAM and of each device chunk (the physical view's whole
 * picture), never the window of the grid that fits on screen.
 */
export async function exportGridPng(title: string, step: number): Promise<string> {
  const snap = snapshotView('physical');
  if (!snap) throw new Error('the frame grid is not on screen');
  const name = imageName(title, step, 'frame-grid', 'png');
  downloadBlob(await snapshotPng(snap), name);
  return name;
}
