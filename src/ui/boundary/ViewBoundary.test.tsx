// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { asDeviceId } from '../../model';
import { StoreContext, useApp } from '../../store/context';
import { boot } from '../boot';
import { memoryBackend } from '../drafts/backend';
import { tabSlot } from '../drafts/hint';
import { DraftRepo, setDraftRepo } from '../drafts/repo';
import { setEditorText } from '../editor/session';
import { ViewBoundary } from './ViewBoundary';
import { repairedUrl } from './repair';

/** A view that cannot draw a selected device (as the inspector could not, issue 11 §1). */
function Fragile() {
  const sel = useApp((s) => s.selection);
  if (sel?.kind === 'device') throw new Error(`cannot draw ${sel.device}`);
  return <p>fragile view drawn</p>;
}
function Sibling() {
  const cursor = useApp((s) => s.cursor);
  return <p>sibling at step {cursor}</p>;
}

function setup() {
  const { store } = boot();
  render(
    <StoreContext.Provider value={store}>
      <ViewBoundary name="inspector" title="Inspector">
        <Fragile />
      </ViewBoundary>
      <ViewBoundary name="counters" title="Counters">
        <Sibling />
      </ViewBoundary>
    </StoreContext.Provider>,
  );
  return store;
}

let repo: DraftRepo;
beforeEach(() => {
  localStorage.clear();
  repo = new DraftRepo(memoryBackend());
  setDraftRepo(repo);
  setEditorText(null);
  history.replaceState(null, '', '/');
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('ViewBoundary', () => {
  it('keeps a throwing view in its panel, saves the draft, repairs the address bar', async () => {
    const store = setup();
    act(() => {
      store.getState().seek(3);
    });
    setEditorText('{ "schema": "hmm-scenario/1", "steps": [ half-typed');
    history.replaceState(null, '', '/#v=1&s=migrate-and-fault-back&t=3&sel=dev.bad');
    act(() => {
      store.getState().select({ kind: 'device', device: asDeviceId('bad') });
    });
    const failed = screen.getByTestId('view-failed');
    expect(failed.textContent).toContain('cannot draw bad');
    // Said once the drafts store has it (it is loaded on demand).
    await waitFor(() => {
      expect(screen.getByTestId('view-failed').textContent).toContain('Your draft is saved.');
    });
    // The other view still follows the store.
    act(() => {
      store.getState().seek(4);
    });
    expect(screen.getByText('sibling at step 4')).toBeTruthy();
    // The draft was written before the fallback showed, with its text as typed.
    expect((await repo.load(tabSlot()))?.versions[0]?.text).toContain('half-typed');
    // A reload would not select the device again.
    expect(location.hash).toBe('#v=1&s=migrate-and-fault-back&t=3');
    // A way back: clearing the selection draws the view again.
    fireEvent.click(screen.getByRole('button', { name: 'Clear the selection' }));
    expect(screen.getByText('fragile view drawn')).toBeTruthy();
    expect(store.getState().selection).toBeNull();
  });

  it('offers step 0 and the built-in', async () => {
    const store = setup();
    act(() => {
      store.getState().seek(5);
      store.getState().select({ kind: 'device', device: asDeviceId('bad') });
    });
    fireEvent.click(screen.getByRole('button', { name: 'Go to step 0' }));
    expect(store.getState().cursor).toBe(0);
    expect(screen.getByText('fragile view drawn')).toBeTruthy();
    act(() => {
      store.getState().select({ kind: 'device', device: asDeviceId('bad') });
    });
    fireEvent.click(screen.getByRole('button', { name: /^Reload “/ }));
    expect(store.getState().selection).toBeNull();
    expect(screen.getByText('fragile view drawn')).toBeTruthy();
    // No draft existed: none is claimed.
    expect(await repo.list()).toEqual([]);
    expect(screen.queryByText(/Your draft is saved/)).toBeNull();
  });
});

describe('repairedUrl', () => {
  const loc = { pathname: '/app/', search: '' };
  it('drops the selection first, then the step, then the fragment', () => {
    const { store } = boot();
    const s = store.getState();
    const device = { kind: 'device', device: asDeviceId('x') } as const;
    expect(repairedUrl({ ...s, cursor: 2, selection: device }, loc)).toBe(
      '#v=1&s=migrate-and-fault-back&t=2',
    );
    expect(repairedUrl({ ...s, cursor: 2, selection: null }, loc)).toBe(
      '#v=1&s=migrate-and-fault-back&t=0',
    );
    expect(repairedUrl({ ...s, cursor: 0, selection: null }, loc)).toBe('/app/');
  });
});
