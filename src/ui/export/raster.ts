/** Images out of snapshots and canvases: PNG of an SVG through an Image and a canvas. */
import type { Snapshot } from './snapshot';

export function svgBlob(s: Snapshot): Blob {
  return new Blob([`<?xml version="1.0" encoding="UTF-8"?>\n${s.svg}`], { type: 'image/svg+xml' });
}

/** As a data: URL (an SVG drawn into a canvas must not reference blob: URLs of this page). */
export function svgDataUrl(s: Snapshot): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(s.svg)}`;
}

function canvasBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((b) => {
      if (b) resolve(b);
      else reject(new Error('the browser could not encode the image'));
    }, 'image/png');
  });
}

/** Rasterize a snapshot at `scale` (2 for slides: crisp on a projector). */
export async function snapshotPng(s: Snapshot, scale = 2): Promise<Blob> {
  const img = new Image();
  img.src = svgDataUrl(s);
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(s.width * scale);
  canvas.height = Math.round(s.height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, s.width, s.height);
  return canvasBlob(canvas);
}
