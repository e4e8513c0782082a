// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScenarioDoc } from '../../store/model';
import { StoreContext } from '../../store/context';
import { createAppStore } from '../../store/createAppStore';
import { smallTrace } from '../../test/fixtures';
import { Announcer } from '../Announcer';
import { Transport } from './Transport';
import { useTransportKeys } from './useTransportKeys';

const DOC = {
  schema: 'hmm-scenario/1',
  era: 'v4.14',
  machine: { ramPages: 4096, physBits: 46 },
  steps: [],
};

function Harness() {
  useTransportKeys();
  return (
    <>
      <Transport />
      <Announcer />
      <input aria-label="typing here" />
    </>
  );
}

function setup() {
  const store = createAppStore({
    run: () => smallTrace(),
    prefs: { theme: 'light', speed: 1 },
    scenario: { id: 'small', title: 'Small', summary: '', doc: DOC as ScenarioDoc },
  });
  render(
    <StoreContext.Provider value={store}>
      <Harness />
    </StoreContext.Provider>,
  );
  return store;
}

const key = (k: string, target: Element | Window = window) => {
  act(() => {
    fireEvent.keyDown(target, { key: k });
  });
};

afterEach(cleanup);

describe('Transport', () => {
  it('starts paused at step 0 and announces it', () => {
    setup();
    expect(screen.getByTestId('step-count').textContent).toBe('Step 0 of 3');
    expect(screen.getByRole('button', { name: 'Play' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Step 0 of 3: boot');
  });

  it('steps with the arrow keys, Home and End, and announces every step', () => {
    const store = setup();
    key('ArrowRight', document.body);
    expect(store.getState().cursor).toBe(1);
    expect(screen.getByRole('status').textContent).toBe(
      'Step 1 of 3: first write faults in a page',
    );
    key('End', document.body);
    expect(store.getState().cursor).toBe(3);
    key('ArrowLeft', document.body);
    key('Home', document.body);
    expect(store.getState().cursor).toBe(0);
  });

  it('toggles play with Space and ignores keys while typing', () => {
    const store = setup();
    key(' ', document.body);
    expect(store.getState().playing).toBe(true);
    key(' ', document.body);
    expect(store.getState().playing).toBe(false);
    const input = screen.getByRole('textbox', { name: 'typing here' });
    input.focus();
    key('ArrowRight', input);
    key(' ', input);
    key('End', input);
    expect(store.getState()).toMatchObject({ cursor: 0, playing: false });
  });

  it('scrubs with the range input', () => {
    const store = setup();
    act(() => {
      fireEvent.change(screen.getByRole('slider', { name: 'Step' }), { target: { value: '2' } });
    });
    expect(store.getState().cursor).toBe(2);
    expect(screen.getByTestId('step-count').textContent).toBe('Step 2 of 3');
  });

  it('sizes the step counter by the last step’s digits, not by the step shown', () => {
    setup();
    const box = () =>
      screen.getByTestId('step-count').querySelector<HTMLElement>('.step-count-box');
    // "Step 0 of 3": one digit each; the width does not follow the cursor, so a step lays out
    // the counter alone (transport.css).
    expect(box()?.style.width).toBe('9.5ch');
    act(() => {
      fireEvent.change(screen.getByRole('slider', { name: 'Step' }), { target: { value: '3' } });
    });
    expect(box()?.style.width).toBe('9.5ch');
  });

  it('marks the steps that fault, migrate, signal or break an invariant', () => {
    setup();
    const strip = screen.getByTestId('timeline-strip');
    expect(strip.querySelectorAll('.mk-fault')).toHaveLength(1);
    expect(strip.querySelectorAll('.mk-migration')).toHaveLength(1);
    expect(strip.querySelectorAll('.mk-signal')).toHaveLength(1);
    expect(strip.querySelectorAll('.mk-violation')).toHaveLength(1);
  });
});
