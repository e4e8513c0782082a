// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { SVG_NS } from './paintNode';
import { paintChain } from './render';

/** A map's marks, as the renderer leaves them: classes and the keys each mark stands for. */
function svgWith(marks: readonly [cls: string, keys: string][]): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  for (const [cls, keys] of marks) {
    const g = document.createElementNS(SVG_NS, 'g');
    g.setAttribute('class', cls);
    g.setAttribute('data-keys', keys);
    svg.append(g);
  }
  return svg;
}

const classes = (svg: SVGSVGElement): string[] =>
  [...svg.children].map((el) => el.getAttribute('class') ?? '');

describe('paintChain (hover and selection light the chain)', () => {
  it('lights the marks that meet the keys, dims the rest but the columns, and clears both', () => {
    const svg = svgWith([
      ['map-node kind-pte', 'pte:1:16 pfn:4'],
      ['map-link l-present', 'pte:1:16 pfn:4'],
      ['map-node kind-frame', 'pfn:9'],
      ['map-node kind-column', ''],
    ]);
    paintChain(svg, new Set(['pfn:4']));
    expect(classes(svg)).toEqual([
      'map-node kind-pte lit',
      'map-link l-present lit',
      'map-node kind-frame dim',
      'map-node kind-column',
    ]);
    // Another chain: what was lit and is not now is dimmed, and the other way round.
    paintChain(svg, new Set(['pfn:9']));
    expect(classes(svg)).toEqual([
      'map-node kind-pte dim',
      'map-link l-present dim',
      'map-node kind-frame lit',
      'map-node kind-column',
    ]);
    // Nothing selected: no mark keeps either class.
    paintChain(svg, null);
    expect(classes(svg)).toEqual([
      'map-node kind-pte',
      'map-link l-present',
      'map-node kind-frame',
      'map-node kind-column',
    ]);
  });
});
