import { describe, expect, it } from 'vitest';
import { clampScroll, scrollForStep } from './bringIntoView';
import type { Scene, SceneNode } from './scene';

const node = (id: string, x: number, y: number): SceneNode => ({
  id,
  kind: 'pte',
  x,
  y,
  w: 100,
  h: 20,
  label: id,
  detail: '',
  glyph: '',
  cls: '',
  mark: 'changed',
  leak: false,
  stuck: false,
  name: id,
  select: null,
  keys: [],
  value: null,
});

const scene = (nodes: SceneNode[], width = 700, height = 1000): Scene => ({
  width,
  height,
  nodes,
  links: [],
  movers: [],
  changed: nodes.map((n) => n.id),
  focus: nodes[0] ? { x: nodes[0].x, y: nodes[0].y, w: 100, h: 20 } : null,
  summary: '',
  subject: null,
});

describe('bring into view without reading the DOM', () => {
  it('clampScroll lands where the browser would: inside the drawing less the box', () => {
    const s = scene([], 700, 1000);
    const box = { left: 0, top: 0, width: 400, height: 300 };
    expect(clampScroll({ left: 500, top: 900 }, s, 1, box)).toEqual({ left: 300, top: 700 });
    expect(clampScroll({ left: -5, top: 100 }, s, 1, box)).toEqual({ left: 0, top: 100 });
    // Drawn at 1.45x (presenter): the scroll extent grows with it.
    expect(clampScroll({ left: 800, top: 2000 }, s, 1.45, box)).toEqual({
      left: 700 * 1.45 - 400,
      top: 1000 * 1.45 - 300,
    });
    // A drawing smaller than the box does not scroll.
    expect(clampScroll({ left: 50, top: 50 }, scene([], 300, 200), 1, box)).toEqual({
      left: 0,
      top: 0,
    });
  });

  it('a step that changed nothing shows the PTE its op names, if it is out of view', () => {
    const row = { ...node('pte:2:16', 10, 800), mark: 'normal' as const };
    const still = { ...scene([row]), changed: [], focus: null, subject: row.id };
    const box = { left: 0, top: 0, width: 400, height: 300 };
    expect(scrollForStep(still, box)).toEqual({ left: 0, top: 800 + 20 + 12 - 300 });
    expect(scrollForStep(still, { ...box, top: 700 })).toBeNull();
    expect(scrollForStep({ ...still, subject: null }, box)).toBeNull();
  });

  it('with its process heading and the frame it links to when they fit, else the row with its heading', () => {
    const row = { ...node('pte:2:16', 10, 500), mark: 'normal' as const };
    const head = { ...node('proc:2', 10, 440), kind: 'process' as const, mark: 'normal' as const };
    const frame = { ...node('frame:9', 300, 380), kind: 'frame' as const, mark: 'normal' as const };
    const link = {
      id: 'l',
      source: row.id,
      target: frame.id,
      kind: 'present' as const,
      x1: 110,
      y1: 510,
      x2: 300,
      y2: 390,
      broken: false,
      write: false,
      mark: 'normal' as const,
      count: 1,
      name: '',
      keys: [],
    };
    const still = {
      ...scene([head, row, frame]),
      links: [link],
      changed: [],
      focus: null,
      subject: row.id,
    };
    // All three (380 to 520) fit in 300: scrolled as little as shows them.
    expect(scrollForStep(still, { left: 0, top: 0, width: 400, height: 300 })).toEqual({
      left: 0,
      top: 520 + 12 - 300,
    });
    // In 120 only the heading and the row fit (440 to 520).
    expect(scrollForStep(still, { left: 0, top: 0, width: 400, height: 120 })).toEqual({
      left: 0,
      top: 520 + 12 - 120,
    });
    // All in view already: nothing moves.
    expect(scrollForStep(still, { left: 0, top: 360, width: 400, height: 300 })).toBeNull();
  });

  it('a step that changed something far from the PTE its op names shows both when they fit', () => {
    // dmirror_read: the device's new entry is the change; the PTE it read is the op's subject.
    const table = { ...node('mir:dmirror0:2:16', 500, 60), kind: 'mirror' as const };
    const row = { ...node('pte:2:16', 10, 300), mark: 'normal' as const };
    const s = { ...scene([table, row]), changed: [table.id], subject: row.id };
    // The entry (60 to 80) and the row (300 to 320) fit in 300: the view moves to show the row.
    expect(scrollForStep(s, { left: 0, top: 0, width: 700, height: 300 })).toEqual({
      left: 0,
      top: 320 + 12 - 300,
    });
    // Both in view: nothing moves.
    expect(scrollForStep(s, { left: 0, top: 40, width: 700, height: 300 })).toBeNull();
    // They do not fit in 200: the change comes first (already in view: nothing moves).
    expect(scrollForStep(s, { left: 0, top: 0, width: 700, height: 200 })).toBeNull();
  });

  it("a step that only registered a device's table shows the PTE its op names", () => {
    const table = { ...node('mtab:dmirror0:2', 10, 900), kind: 'mirror-table' as const };
    const row = { ...node('pte:2:16', 10, 300), mark: 'normal' as const };
    const s = { ...scene([table, row]), changed: [table.id], subject: row.id };
    expect(scrollForStep(s, { left: 0, top: 0, width: 700, height: 200 })).toEqual({
      left: 0,
      top: 320 + 12 - 200,
    });
  });

  it('a step whose changes are all in view keeps the scroll position (no scroll, no layout)', () => {
    const s = scene([node('pte:1:16', 10, 40)]);
    expect(scrollForStep(s, { left: 0, top: 0, width: 400, height: 300 })).toBeNull();
    const below = scene([node('pte:2:16', 10, 800)]);
    expect(scrollForStep(below, { left: 0, top: 0, width: 400, height: 300 })).toEqual({
      left: 0,
      top: 800 + 20 + 12 - 300,
    });
  });
});
