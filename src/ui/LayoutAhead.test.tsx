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
import { LayoutAhead } from './LayoutAhead';

const DOC = {
  schema: 'hmm-scenario/1',
  era: 'v4.14',
  machine: { ramPages: 4096, physBits: 46 },
  steps: [],
};

/** A view that writes the DOM for a step in both kinds of effect, as the map does. */
function Writer({ log }: { log: string[] }) {
  const cursor = useApp(selectCursor);
  useLayoutEffect(() => {
    log.push(`layout effect ${cursor}`);
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

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('LayoutAhead (lays a step out before its frame)', () => {
  it('reads layout once per step, after every effect of its commit', async () => {
    const { store, log } = setup();
    await act(async () => {
      await Promise.resolve();
    });
    log.length = 0;
    await act(async () => {
      store.getState().stepBy(1);
      await Promise.resolve();
    });
    expect(log).toEqual(['layout effect 1', 'passive effect 1', 'layout read']);
    log.length = 0;
    await act(async () => {
      store.getState().seek(0);
      await Promise.resolve();
    });
    expect(log).toEqual(['layout effect 0', 'passive effect 0', 'layout read']);
  });

  it('does not read layout for a write that is not a step', async () => {
    const { store, read } = setup();
    await act(async () => {
      await Promise.resolve();
    });
    read.mockClear();
    await act(async () => {
      store.getState().select({ kind: 'page', pfn: asPfn(4) });
      await Promise.resolve();
    });
    expect(read).not.toHaveBeenCalled();
  });

  it('reads nothing while the page is hidden (no frame is coming)', async () => {
    const { store, read } = setup();
    await act(async () => {
      await Promise.resolve();
    });
    read.mockClear();
    vi.spyOn(document, 'hidden', 'get').mockReturnValue(true);
    await act(async () => {
      store.getState().stepBy(1);
      await Promise.resolve();
    });
    expect(read).not.toHaveBeenCalled();
  });
});
