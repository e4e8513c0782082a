// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { smallTrace } from '../../test/fixtures';
import { createGridController, type GridProps } from './gridController';

/** A 2D context that records what is drawn (happy-dom has no canvas). */
function fakeContext(): { ctx: CanvasRenderingContext2D; calls: string[] } {
  const calls: string[] = [];
  const ctx = new Proxy(
    {},
    {
      get: (_t, name) =>
        name === 'createPattern'
          ? () => null
          : (...args: unknown[]) => calls.push(`${String(name)}(${args.length})`),
      set: () => true,
    },
  ) as CanvasRenderingContext2D;
  return { ctx, calls };
}

function setup() {
  const canvas = document.createElement('canvas');
  document.body.append(canvas);
  const { ctx, calls } = fakeContext();
  canvas.getContext = (() => ctx) as unknown as typeof canvas.getContext;
  const frames: (() => void)[] = [];
  const selected: number[] = [];
  const grid = createGridController(canvas, {
    onSelect: (pfn) => selected.push(pfn),
    schedule: (f) => frames.push(f),
    cancel: () => undefined,
  });
  const trace = smallTrace();
  const props: GridProps = {
    state: trace[1]?.state,
    trace,
    touched: [],
    selected: null,
    theme: 'light',
    width: 320,
    height: 160,
  };
  const flush = () => {
    for (const f of frames.splice(0)) f();
  };
  return { canvas, grid, props, frames, flush, calls, selected };
}

const key = (el: Element, k: string) => {
  const e = new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true });
  el.dispatchEvent(e);
  return e;
};

afterEach(() => {
  document.body.replaceChildren();
});

describe('the frame grid controller', () => {
  it('fits the first RAM frames when it gets a size, and draws once per batch', () => {
    const { canvas, grid, props, frames, flush, calls } = setup();
    expect(grid.getSnapshot().view).toBeNull();
    grid.update(props);
    grid.update({ ...props, selected: null });
    expect(grid.getSnapshot().view).toMatchObject({ from: 0, k: 1 });
    expect(frames).toHaveLength(1);
    flush();
    expect(canvas.dataset.drawn).toBe('1');
    expect(calls.some((c) => c.startsWith('fillRect'))).toBe(true);
  });

  it('moves the focus cell with the arrows and takes those keys from the transport', () => {
    const { canvas, grid, props } = setup();
    grid.update(props);
    canvas.dispatchEvent(new FocusEvent('focus'));
    expect(grid.getSnapshot()).toMatchObject({ focused: true, focusCell: 0 });
    const e = key(canvas, 'ArrowRight');
    expect(e.defaultPrevented).toBe(true);
    expect(grid.getSnapshot().focusCell).toBe(1);
    expect(grid.getSnapshot().said).toMatch(/^pfn 0x1/);
    // A key it does not handle is left to the transport.
    expect(key(canvas, 'x').defaultPrevented).toBe(false);
  });

  it('selects a frame with a struct page on Enter, through onSelect only', () => {
    const { canvas, grid, props, selected } = setup();
    grid.update(props);
    canvas.dispatchEvent(new FocusEvent('focus'));
    grid.goto(16);
    expect(selected).toEqual([16]);
    expect(grid.getSnapshot().focusCell).toBe(16);
    key(canvas, 'Enter');
    expect(selected).toEqual([16, 16]);
  });

  it('zooms out to aggregated cells and Enter zooms back in', () => {
    const { canvas, grid, props, selected } = setup();
    grid.update(props);
    let v = grid.getSnapshot().view;
    for (let i = 0; i < 4 && v && v.k === 1; i++) {
      grid.zoom('out', 0);
      v = grid.getSnapshot().view;
    }
    expect(v?.k).toBeGreaterThan(1);
    canvas.dispatchEvent(new FocusEvent('focus'));
    key(canvas, 'Enter');
    expect(grid.getSnapshot().view?.k).toBeLessThan(v?.k ?? 0);
    expect(grid.getSnapshot().said).toMatch(/^Zoomed in/);
    expect(selected).toEqual([]);
  });

  it('brings a selected frame into the window', () => {
    const { grid, props } = setup();
    grid.update(props);
    const far = (props.state?.machine.ramPages ?? 0) - 1;
    grid.update({ ...props, selected: far });
    const s = grid.getSnapshot();
    expect(s.view && far >= s.view.from).toBe(true);
  });

  it('stops listening and drawing when destroyed', () => {
    const { canvas, grid, props, frames } = setup();
    grid.update(props);
    frames.splice(0);
    let told = 0;
    grid.subscribe(() => (told += 1));
    grid.destroy();
    canvas.dispatchEvent(new FocusEvent('focus'));
    key(canvas, 'ArrowRight');
    expect(told).toBe(0);
    expect(frames).toHaveLength(0);
  });
});
