// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newMotion, play, settle, STEP_MOTION_MS, MOVER_FADE_MS } from './motion';
import { SVG_NS } from './paintNode';

/** Frame callbacks run by hand, at the times a test gives. */
let frames = new Map<number, (t: number) => void>();
let nextId = 1;
function runFrame(t: number): void {
  const due = [...frames.values()];
  frames = new Map();
  for (const f of due) f(t);
}

/** Every attribute write on `el`, by name. */
function writes(el: Element): string[] {
  const seen: string[] = [];
  const set = el.setAttribute.bind(el);
  vi.spyOn(el, 'setAttribute').mockImplementation((name, value) => {
    seen.push(name);
    set(name, value);
  });
  return seen;
}

function motionWithMarks() {
  const node = document.createElementNS(SVG_NS, 'g');
  node.setAttribute('transform', 'translate(0,0)');
  const line = document.createElementNS(SVG_NS, 'path');
  const hit = document.createElementNS(SVG_NS, 'path');
  const mover = document.createElementNS(SVG_NS, 'g');
  document.body.append(node, line, hit, mover);
  const m = newMotion(STEP_MOTION_MS);
  m.nodes.push({ el: node, from: [0, 0], to: [100, 40] });
  m.links.push({ line, hit, from: [0, 0, 10, 10], to: [0, 0, 50, 90] });
  m.movers.push({ el: mover, d: { x1: 0, y1: 0, x2: 200, y2: 0, value: 7 } as never });
  return { m, node, line, hit, mover };
}

beforeEach(() => {
  frames = new Map();
  vi.stubGlobal('requestAnimationFrame', (f: (t: number) => void) => {
    frames.set(nextId, f);
    return nextId++;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => frames.delete(id));
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe('motion (the map transition: one frame loop, each mark put where it goes once)', () => {
  it('moves the marks until they arrive, then writes them no more while the values fade', () => {
    const { m, node, line, mover } = motionWithMarks();
    play(m);
    const nodeWrites = writes(node);
    const lineWrites = writes(line);
    const moverWrites = writes(mover);
    runFrame(1000); // the start: nothing written
    expect(nodeWrites).toEqual([]);
    runFrame(1000 + STEP_MOTION_MS / 2);
    expect(nodeWrites).toEqual(['transform']);
    expect(lineWrites).toEqual(['d']);
    runFrame(1000 + STEP_MOTION_MS); // arrival: the end state, once
    expect(node.getAttribute('transform')).toBe('translate(100,40)');
    expect(line.getAttribute('d')).toBe('M0,0C25,0 25,90 50,90');
    expect(nodeWrites).toEqual(['transform', 'transform']);
    expect(moverWrites).toEqual(['transform', 'transform']);
    // The values fade where they arrived: no mark is moved again.
    runFrame(1000 + STEP_MOTION_MS + MOVER_FADE_MS / 2);
    expect(nodeWrites).toHaveLength(2);
    expect(lineWrites).toHaveLength(2);
    expect(moverWrites.filter((w) => w === 'transform')).toHaveLength(2);
    expect(Number(mover.style.opacity)).toBeCloseTo(0.5, 1);
    // The end: the values go, and the next step's settle finds nothing to do.
    runFrame(1000 + STEP_MOTION_MS + MOVER_FADE_MS);
    expect(mover.isConnected).toBe(false);
    settle(m);
    expect(nodeWrites).toHaveLength(2);
    expect(lineWrites).toHaveLength(2);
  });

  it('a settle mid-way puts every mark where it was going and drops the values, once', () => {
    const { m, node, line, hit, mover } = motionWithMarks();
    play(m);
    runFrame(0);
    runFrame(STEP_MOTION_MS / 4);
    const nodeWrites = writes(node);
    settle(m);
    expect(node.getAttribute('transform')).toBe('translate(100,40)');
    expect(line.getAttribute('d')).toBe(hit.getAttribute('d'));
    expect(mover.isConnected).toBe(false);
    settle(m);
    expect(nodeWrites).toEqual(['transform']);
    // A settled motion's frame loop is over.
    expect(frames.size).toBe(0);
  });
});
