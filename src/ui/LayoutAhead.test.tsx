// @vitest-environment happy-dom
import { act, cleanup, render } from '@testing-library/react';
import { useEffect, useLayoutEffect } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScenarioDoc } from '../store/model';
import { StoreContext, useApp } from '../store/context';
import { createAppStore } from '../store/createAppStore';
import { selectCursor, selectSelection } from '../store/selectors';
import { smallTrace } from '../test/fixtures';
import { asPfn } from '../model';
import { AHEAD_MS, LayoutAhead } from './LayoutAhead';

const DOC = {
  schema: 'hmm-scenario/1',
  era: 'v4.14',
  machine: { ramPages: 4096, physBits: 46 },
  steps: [],
};

/** How long the next commit's layout effect takes (a bulk step's D3 join), in ms. */
const slow = { ms: 0 };

/** A view that writes the DOM for a step in both kinds of effect, as the map does. */
function Writer({ log }: { log: string[] }) {
  const cursor = useApp(selectCursor);
  useLayoutEffect(() => {
    log.push(`layout effect ${cursor}`);
    busy(slow.ms);
  }, [cursor, log]);
  useEffect(() => {
    log.push(`passive effect ${cursor}`);
  }, [cursor, log]);
  return null;
}

/** Re-renders on a selection only: a write that is not a step. */
function SelectionReader() {
  useApp(selectSelection);
  return null;
}

function setup() {
  const store = createAppStore({
    run: () => smallTrace(),
    prefs: { theme: 'light', speed: 1 },
    scenario: { id: 'small', title: 'Small', summary: '', doc: DOC as ScenarioDoc },
  });
  vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
  const log: string[] = [];
  const read = vi
    .spyOn(document.documentElement, 'getBoundingClientRect')
    .mockImplementation(() => {
      log.push('layout read');
      return new DOMRect();
    });
  render(
    <StoreContext.Provider value={store}>
      <LayoutAhead />
      <Writer log={log} />
      <SelectionReader />
    </StoreContext.Provider>,
  );
  return { store, log, read };
}

afterEach(async () => {
  slow.ms = 0;
  await nextFrame();
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** The page's frames, run by hand: a frame comes only when the test says so. */
const frames: FrameRequestCallback[] = [];

/** The next frame: its callbacks run, then the task after it (so the step's task is over). */
async function nextFrame(): Promise<void> {
  for (const f of frames.splice(0)) f(performance.now());
  await new Promise((r) => setTimeout(r, 0));
}

/** Run `write` as one task, let its microtasks run, then wait for the next frame. */
async function task(write: () => void): Promise<void> {
  await act(async () => {
    write();
    await Promise.resolve();
  });
  await nextFrame();
}

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('LayoutAhead (lays a step out before its frame)', () => {
  it('reads layout once per step, after every effect of its commit', async () => {
    const { store, log } = setup();
    await task(() => undefined);
    log.length = 0;
    await task(() => {
      store.getState().stepBy(1);
    });
    expect(log).toEqual(['layout effect 1', 'passive effect 1', 'layout read']);
    log.length = 0;
    await task(() => {
      store.getState().seek(0);
    });
    expect(log).toEqual(['layout effect 0', 'passive effect 0', 'layout read']);
  });

  it('lays out once per frame: steps faster than frames are left to their frame', async () => {
    const { store, log } = setup();
    await task(() => undefined);
    log.length = 0;
    await act(async () => {
      store.getState().stepBy(1);
      await Promise.resolve();
    });
    await act(async () => {
      store.getState().stepBy(1);
      await Promise.resolve();
    });
    expect(log.filter((l) => l === 'layout read')).toHaveLength(1);
    await nextFrame();
    log.length = 0;
    await task(() => {
      store.getState().stepBy(-1);
    });
    expect(log).toContain('layout read');
  });

  it('leaves the layout to the frame once the step has taken a refresh', async () => {
    const { store, log } = setup();
    await task(() => undefined);
    log.length = 0;
    slow.ms = AHEAD_MS + 4;
    await task(() => {
      store.getState().stepBy(1);
    });
    expect(log).toEqual(['layout effect 1', 'passive effect 1']);
  });

  it('counts a step from the input that started it (a replay runs before the store write)', async () => {
    const { store, log } = setup();
    await task(() => undefined);
    log.length = 0;
    await task(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight' }));
      busy(AHEAD_MS + 4);
      store.getState().stepBy(1);
    });
    expect(log).toEqual(['layout effect 1', 'passive effect 1']);
    // The next input is a new task: it is timed from its own start.
    log.length = 0;
    await task(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight' }));
      store.getState().stepBy(1);
    });
    expect(log).toContain('layout read');
  });

  it('does not read layout for a write that is not a step', async () => {
    const { store, read } = setup();
    await task(() => undefined);
    read.mockClear();
    await task(() => {
      store.getState().select({ kind: 'page', pfn: asPfn(4) });
    });
    expect(read).not.toHaveBeenCalled();
  });

  it('reads nothing while the page is hidden (no frame is coming)', async () => {
    const { store, read } = setup();
    await task(() => undefined);
    read.mockClear();
    vi.spyOn(document, 'hidden', 'get').mockReturnValue(true);
    await task(() => {
      store.getState().stepBy(1);
    });
    expect(read).not.toHaveBeenCalled();
  });
});
