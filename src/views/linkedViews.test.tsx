// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { asPfn } from '../model';
import { StoreContext } from '../store/context';
import { createAppStore } from '../store/createAppStore';
import type { ScenarioDoc } from '../store/model';
import { DEV_FIRST, smallTrace, VMA_START } from '../test/fixtures';
import { DeviceView } from './device/DeviceView';
import { InspectorView } from './inspector/InspectorView';
import { PageTablesView } from './page-tables/PageTablesView';

const DOC = {
  schema: 'hmm-scenario/1',
  era: 'v4.14',
  machine: { ramPages: 4096, physBits: 46 },
  steps: [],
};

function setup(cursor: number) {
  const store = createAppStore({
    run: () => smallTrace(),
    prefs: { theme: 'light', speed: 1 },
    scenario: { id: 'small', title: 'Small', summary: '', doc: DOC as ScenarioDoc },
    cursor,
  });
  render(
    <StoreContext.Provider value={store}>
      <PageTablesView />
      <DeviceView />
      <InspectorView />
    </StoreContext.Provider>,
  );
  return store;
}

afterEach(cleanup);

describe('linked views', () => {
  it('draws each PTE by kind and marks what the step changed', () => {
    setup(2);
    const cells = within(screen.getByTestId('view-page-tables')).getAllByRole('button', {
      pressed: false,
    });
    const dev = cells.find((c) => c.dataset.vpn === String(VMA_START));
    expect(dev?.className).toContain('k-devpriv');
    expect(dev?.className).toContain('changed');
    expect(dev?.className).toContain('w');
    expect(dev?.getAttribute('aria-label')).toContain('device-private writable → pfn 0x3ffff0000');
    const none = cells.find((c) => c.dataset.vpn === String(VMA_START + 1));
    expect(none?.className).toContain('k-none');
  });

  it('selecting a PTE shows its struct page and lights the device page', () => {
    const store = setup(2);
    const pte = screen.getByRole('button', { name: /^0x10000000: device-private/ });
    act(() => {
      fireEvent.click(pte);
    });
    expect(store.getState().selection).toMatchObject({ kind: 'pte', vpn: VMA_START });
    expect(screen.getByTestId('page-details').dataset.pfn).toBe(String(DEV_FIRST));
    const row = screen.getByTestId('view-device').querySelector(`tr[data-pfn="${DEV_FIRST}"]`);
    expect(row?.className).toContain('selected');
    // Back from the page to its mapping.
    act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'pid 1 @ 0x10000000' }));
    });
    expect(screen.getByTestId('pte-details').textContent).toContain('PTE pid 1 @ 0x10000000');
  });

  it('keeps the selection and shows what the next step changed in the page', () => {
    const store = setup(1);
    act(() => {
      store.getState().select({ kind: 'page', pfn: asPfn(16) });
    });
    const changed = () =>
      [...screen.getByTestId('page-details').querySelectorAll('.changed')].map((e) =>
        e.getAttribute('data-field'),
      );
    expect(changed()).toContain('refcount');
    act(() => {
      store.getState().stepBy(1);
    });
    // After migration the RAM page is free again: refcount, mapcount and state changed.
    expect(changed()).toEqual(expect.arrayContaining(['refcount', 'mapcount', 'state']));
  });
});
