// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KernelEvent } from '../../store/model';
import { EVENT_FIRST, EVENT_PAGE, EventList } from './EventList';

const events = (n: number, tag = 'f'): KernelEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    fn: `${tag}${i}`,
    file: 'mm/migrate.c',
    text: '',
    depth: 0,
  }));

/** An IntersectionObserver the test drives: `reach()` says the sentinel is in view. */
function fakeObserver() {
  const live = new Set<(e: { isIntersecting: boolean }[]) => void>();
  class IO {
    constructor(private readonly cb: (e: { isIntersecting: boolean }[]) => void) {}
    observe() {
      live.add(this.cb);
    }
    disconnect() {
      live.delete(this.cb);
    }
  }
  vi.stubGlobal('IntersectionObserver', IO);
  return {
    reach() {
      act(() => {
        for (const cb of [...live]) cb([{ isIntersecting: true }]);
      });
    },
  };
}

const items = () => screen.getByTestId('events').querySelectorAll('li').length;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the kernel path lists what the panel shows', () => {
  it('draws the first events, grows while the end of the list is in reach, keeps it per step', () => {
    const io = fakeObserver();
    const { rerender } = render(<EventList events={events(100)} />);
    expect(items()).toBe(EVENT_FIRST);
    io.reach();
    expect(items()).toBeGreaterThan(EVENT_FIRST);
    for (let i = 0; i < 10; i++) io.reach();
    // Never past a page without asking.
    expect(items()).toBe(EVENT_PAGE);
    expect(screen.getByRole('button', { name: /Show more \(68 not shown\)/ })).toBeTruthy();
    // The next step keeps the count the panel had room for.
    rerender(<EventList events={events(100, 'g')} />);
    expect(items()).toBe(EVENT_PAGE);
  });

  it('"Show more" draws the rest of a page and more, however small the panel', () => {
    fakeObserver();
    render(<EventList events={events(300)} />);
    expect(items()).toBe(EVENT_FIRST);
    fireEvent.click(screen.getByRole('button', { name: /Show more \(288 not shown\)/ }));
    expect(items()).toBe(EVENT_FIRST + EVENT_PAGE * 4);
  });

  it('without IntersectionObserver draws the whole first page', () => {
    vi.stubGlobal('IntersectionObserver', undefined);
    render(<EventList events={events(40)} />);
    expect(items()).toBe(EVENT_PAGE);
  });
});
