/**
 * The whole map of the step as a picture: a fresh, motionless drawing of the current Scene (never a
 * crop of the scrolled panel, never mid-transition, no buttons), with the step's summary above it
 * and the legend below. Export and the handout snapshot this element, then call `dispose`.
 */
import { renderScene } from './render';
import type { Scene } from './scene';

let current: Scene | null = null;

/** The map view records the scene it drew last. */
export function setExportScene(scene: Scene | null): void {
  current = scene;
}

export interface MapPicture {
  readonly element: HTMLElement;
  dispose(): void;
}

export function mapPicture(): MapPicture | null {
  const scene = current;
  const panel = document.querySelector<HTMLElement>('[data-testid="view-map"]');
  if (!scene || !panel) return null;
  const root = document.createElement('div');
  root.className = 'map-picture panel-map';
  // Laid out off screen at its full size, so the snapshot copies real computed styles.
  root.style.cssText = `position:fixed;left:-100000px;top:0;width:${scene.width + 16}px;padding:8px;background:var(--bg);`;
  const summary = panel.querySelector('[data-testid="map-summary"]')?.cloneNode(true);
  if (summary instanceof Element) {
    // The panel's summary follows its drawing by a painted frame (MapSummary): this scene's own.
    const text = summary.querySelector('.map-summary-text');
    if (text) text.textContent = scene.summary;
    summary.setAttribute('title', scene.summary);
    root.append(summary);
  }
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('class', 'map-svg');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `Memory map. ${scene.summary}`);
  root.append(svg);
  renderScene(svg, scene, {
    duration: 0,
    movers: false,
    onActivate: () => undefined,
    onHover: () => undefined,
  });
  // A picture has nothing to focus or press.
  for (const el of svg.querySelectorAll('[tabindex]')) el.removeAttribute('tabindex');
  const legend = panel.querySelector('.map-legend');
  if (legend) root.append(legend.cloneNode(true));
  document.body.append(root);
  return {
    element: root,
    dispose: () => {
      root.remove();
    },
  };
}
