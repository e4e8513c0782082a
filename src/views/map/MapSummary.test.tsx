// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MapSummary } from './MapSummary';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('MapSummary (the step summary follows its drawing by a painted frame)', () => {
  it('keeps the last step’s text through the frame that draws the new step, then shows the new', () => {
    const { rerender } = render(<MapSummary text="pfn 0x4 allocated" />);
    const summary = screen.getByTestId('map-summary');
    expect(summary.textContent).toBe('This step: pfn 0x4 allocated');
    rerender(<MapSummary text="pfn 0x4 ref 1 → 2" />);
    expect(summary.textContent).toBe('This step: pfn 0x4 allocated');
    act(() => {
      vi.advanceTimersByTime(100);
    });
    expect(summary.textContent).toBe('This step: pfn 0x4 ref 1 → 2');
    expect(summary.getAttribute('title')).toBe('pfn 0x4 ref 1 → 2');
  });

  it('skips the steps a scrub passes within one frame: the text shown is the last one', () => {
    const { rerender } = render(<MapSummary text="step 1" />);
    rerender(<MapSummary text="step 2" />);
    rerender(<MapSummary text="step 3" />);
    act(() => {
      vi.advanceTimersByTime(100);
    });
    expect(screen.getByTestId('map-summary').textContent).toBe('This step: step 3');
  });
});
