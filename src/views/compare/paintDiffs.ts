import { select } from 'd3';

/** Mark the map's nodes that differ from the other era (by their stable ids). */
export function paintDiffs(svg: SVGSVGElement, ids: ReadonlySet<string>): void {
  select(svg)
    .selectAll<SVGGElement, unknown>('g.map-node')
    .each(function () {
      this.classList.toggle('era-diff', ids.has(this.getAttribute('data-id') ?? ''));
    });
}
