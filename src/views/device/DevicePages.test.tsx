// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { asPfn, asPid, asVpn, type Pte } from '../../model';
import { StoreContext } from '../../store/context';
import { createAppStore } from '../../store/createAppStore';
import type { ScenarioDoc } from '../../store/model';
import { DEV_FIRST, frame, kernel, page, VMA_START } from '../../test/fixtures';
import { PageTablesView } from '../page-tables/PageTablesView';
import { DEVICE_ROWS } from './DevicePages';
import { DeviceView } from './DeviceView';

const DOC = {
  schema: 'hmm-scenario/1',
  era: 'v4.14',
  machine: { ramPages: 4096, physBits: 46 },
  steps: [],
};

/** 40 device pages in use; the VMA's third PTE maps the 38th of them. */
const USED = 40;
const FAR = DEV_FIRST + 37;

function setup() {
  const pid = asPid(1);
  const ptes: [number, Pte][] = [
    [VMA_START + 2, { kind: 'device-private', pfn: asPfn(FAR), write: true }],
  ];
  const pages = Array.from({ length: USED }, (_, i) =>
    page(DEV_FIRST + i, {
      value: i,
      rmap: DEV_FIRST + i === FAR ? [{ pid, vpn: asVpn(VMA_START + 2) }] : [],
    }),
  );
  const state = kernel({ ptes, pages });
  const store = createAppStore({
    run: () => [frame(0, state), frame(1, state)],
    prefs: { theme: 'light', speed: 1 },
    scenario: { id: 'x', title: 'x', summary: '', doc: DOC as ScenarioDoc },
  });
  render(
    <StoreContext.Provider value={store}>
      <PageTablesView />
      <DeviceView />
    </StoreContext.Provider>,
  );
  return store;
}

const device = () => screen.getByTestId('view-device');
const row = (pfn: number) => device().querySelector<HTMLElement>(`tr[data-pfn="${pfn}"]`);

afterEach(cleanup);

describe('the device page table windows to the selection', () => {
  it('shows the first rows at first', () => {
    setup();
    expect(device().querySelectorAll('tr[data-pfn]')).toHaveLength(DEVICE_ROWS);
    expect(row(DEV_FIRST)).not.toBeNull();
    expect(row(FAR)).toBeNull();
    expect(within(device()).getByTestId('device-rows').textContent).toBe(`1–${DEVICE_ROWS}`);
  });

  it('a PTE selected in the page tables brings its device page into the table', () => {
    setup();
    act(() => {
      fireEvent.click(screen.getByRole('button', { name: /^0x10002000: device-private/ }));
    });
    const tr = row(FAR);
    expect(tr).not.toBeNull();
    expect(tr?.className).toContain('selected');
    expect(within(device()).getByTestId('device-rows').textContent).toBe(`33–${USED}`);
    // Paging away by hand still works, and the window stays where the user put it.
    act(() => {
      fireEvent.click(within(device()).getByRole('button', { name: 'Earlier pages' }));
    });
    expect(row(FAR)).toBeNull();
    expect(within(device()).getByTestId('device-rows').textContent).toBe('17–32');
  });

  it('a page selected elsewhere (the grid, the inspector) does too, and the step keeps it', () => {
    const store = setup();
    act(() => {
      store.getState().select({ kind: 'page', pfn: asPfn(DEV_FIRST + 20) });
    });
    expect(row(DEV_FIRST + 20)?.className).toContain('selected');
    act(() => {
      store.getState().stepBy(1);
    });
    expect(row(DEV_FIRST + 20)?.className).toContain('selected');
    // A RAM page is not in the device's table: the window does not move.
    act(() => {
      store.getState().select({ kind: 'page', pfn: asPfn(16) });
    });
    expect(row(DEV_FIRST + 20)).not.toBeNull();
  });
});
