import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { covers, cullScene, drawRanges } from './cull';
import type { Mark, Scene, SceneLink, SceneNode } from './scene';

const node = (
  id: string,
  y: number,
  mark: Mark = 'normal',
  kind: SceneNode['kind'] = 'frame',
): SceneNode => ({
  id,
  kind,
  x: 0,
  y,
  w: 100,
  h: 30,
  label: id,
  detail: '',
  glyph: '',
  cls: '',
  mark,
  leak: false,
  stuck: false,
  name: id,
  select: null,
  keys: [],
  value: null,
});

const link = (id: string, y1: number, y2: number, mark: Mark = 'normal'): SceneLink => ({
  id,
  source: 'a',
  target: 'b',
  kind: 'present',
  x1: 0,
  y1,
  x2: 300,
  y2,
  broken: false,
  write: true,
  mark,
  count: 1,
  name: id,
  keys: [],
});

const scene = (nodes: SceneNode[], links: SceneLink[], height: number): Scene => ({
  width: 800,
  height,
  nodes,
  links,
  movers: [],
  changed: [],
  focus: null,
  summary: '',
  subject: null,
});

describe('drawRanges and covers', () => {
  it('draws the box and a box-height either side, and the same where the step will scroll', () => {
    const r = drawRanges(1000, 500, 4000);
    expect(r).toEqual([
      [500, 2000],
      [3500, 5000],
    ]);
    expect(covers(r, 600, 1900)).toBe(true);
    expect(covers(r, 1900, 2100)).toBe(false);
    expect(covers(r, 3600, 4900)).toBe(true);
    expect(drawRanges(1000, 500, 1000)).toEqual([[500, 2000]]);
  });
});

describe('cullScene (what of a big scene the map draws)', () => {
  it('is the scene itself when the ranges hold all of it', () => {
    const s = scene([node('a', 10), node('b', 400)], [link('l', 20, 410)], 600);
    expect(cullScene(s, drawRanges(0, 300), new Set())).toBe(s);
  });

  it('keeps what is in range, what the step marked, columns and what must stay reachable', () => {
    const s = scene(
      [
        node('col', 4, 'normal', 'column'),
        node('near', 100),
        node('far', 5000),
        node('ghost-far', 5100, 'ghost'),
        node('changed-far', 5200, 'changed'),
        node('selected-far', 5300),
      ],
      [
        link('near-to-far', 110, 5010),
        link('far-to-far', 5000, 5300),
        link('moved', 5000, 5300, 'changed'),
      ],
      6000,
    );
    const got = cullScene(s, drawRanges(0, 300), new Set(['selected-far']));
    expect(got.nodes.map((n) => n.id)).toEqual([
      'col',
      'near',
      'ghost-far',
      'changed-far',
      'selected-far',
    ]);
    // A link that crosses the range is drawn (its line passes through the box).
    expect(got.links.map((l) => l.id)).toEqual(['near-to-far', 'moved']);
  });

  it('never drops a node that meets a range, nor one the step marked (fast-check)', () => {
    const marks: Mark[] = ['normal', 'added', 'changed', 'ghost'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(20_000), fc.constantFrom(...marks)), { maxLength: 200 }),
        fc.nat(20_000),
        fc.integer({ min: 100, max: 2000 }),
        (rows, top, height) => {
          const nodes = rows.map(([y, m], i) => node(`n${i}`, y, m));
          const s = scene(nodes, [], 20_100);
          const ranges = drawRanges(top, height);
          const kept = new Set(cullScene(s, ranges, new Set()).nodes.map((n) => n.id));
          for (const n of nodes) {
            const inRange = n.y < top + 2 * height && n.y + n.h > top - height;
            expect(kept.has(n.id)).toBe(inRange || n.mark !== 'normal');
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
