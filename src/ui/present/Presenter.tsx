import './projector.css';
import { useEffect, useRef, useState } from 'react';
import { useApp, useAppApi } from '../../store/context';
import {
  selectCursor,
  selectFrame,
  selectLength,
  selectScenarioSummary,
} from '../../store/selectors';
import { describeOp } from '../../views/shared/format';
import { clearSource } from '../notices/notices';
import { leavePresenter } from './enter';

/**
 * Presenter mode's own chrome: the step's narration in large type and 44-pixel controls; the
 * header and transport are hidden by projector.css. The arrow keys, PageUp/PageDown (clickers),
 * Space, Home and End step as everywhere; Escape (or leaving full screen) ends the mode.
 */
export default function Presenter() {
  const api = useAppApi();
  const frame = useApp(selectFrame);
  const cursor = useApp(selectCursor);
  const length = useApp(selectLength);
  const title = useApp((s) => s.scenario.title);
  const summary = useApp(selectScenarioSummary);
  const next = useRef<HTMLButtonElement>(null);
  const notes = useRef<HTMLParagraphElement>(null);
  const [more, setMore] = useState({ down: false, up: false });
  const last = Math.max(0, length - 1);
  // The boot step narrates the scenario's summary, as the kernel path view does.
  const text = frame
    ? (frame.note ?? (frame.op === null && summary ? summary : describeOp(frame.op)))
    : '';

  useEffect(() => {
    const root = document.documentElement;
    root.dataset.mode = 'present';
    next.current?.focus();
    let wasFull = document.fullscreenElement !== null;
    const onFull = () => {
      const full = document.fullscreenElement !== null;
      if (wasFull && !full) leavePresenter();
      wasFull = full;
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) {
        e.preventDefault();
        leavePresenter();
      }
    };
    document.addEventListener('fullscreenchange', onFull);
    document.addEventListener('keydown', onKey);
    return () => {
      delete root.dataset.mode;
      clearSource('present');
      document.removeEventListener('fullscreenchange', onFull);
      document.removeEventListener('keydown', onKey);
    };
  }, []);

  // A long note is paged: the clicker's PageDown (and →) shows its next page before the next step.
  const measure = () => {
    const el = notes.current;
    if (!el) return;
    setMore({ down: el.scrollTop + el.clientHeight < el.scrollHeight - 2, up: el.scrollTop > 1 });
  };
  const page = (d: number): boolean => {
    const el = notes.current;
    if (!el) return false;
    const canDown = el.scrollTop + el.clientHeight < el.scrollHeight - 2;
    const canUp = el.scrollTop > 1;
    if ((d > 0 && !canDown) || (d < 0 && !canUp)) return false;
    // One line of overlap so the reader keeps their place.
    const line = parseFloat(getComputedStyle(el).lineHeight) || 30;
    el.scrollTop += d * Math.max(line, el.clientHeight - line);
    measure();
    return true;
  };
  useEffect(() => {
    const el = notes.current;
    if (el) el.scrollTop = 0;
    const id = requestAnimationFrame(measure);
    return () => {
      cancelAnimationFrame(id);
    };
  }, [text]);
  // The note's box changes with the screen (full screen granted, a window resized): so may
  // whether it goes on.
  useEffect(() => {
    const el = notes.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      measure();
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
    };
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      // On a timeline marker the arrows move between markers (Timeline.tsx), not the note.
      if (e.target instanceof Element && e.target.closest('.mark-step')) return;
      const d =
        e.key === 'PageDown' || e.key === 'ArrowRight'
          ? 1
          : e.key === 'PageUp' || e.key === 'ArrowLeft'
            ? -1
            : 0;
      if (d !== 0 && page(d)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
    };
  });

  const step = (d: number) => () => {
    if (page(d)) return;
    api.getState().stepBy(d);
  };
  return (
    <section className="presenter" aria-label="Presenter" data-testid="presenter">
      <div className="presenter-bar">
        <p className="presenter-title">{title}</p>
        <div className="presenter-controls">
          <button
            type="button"
            onClick={step(-1)}
            aria-disabled={cursor <= 0}
            aria-label="Previous step"
          >
            ‹ Back
          </button>
          <p className="presenter-step" data-testid="presenter-step">
            Step {cursor} / {last}
          </p>
          <button
            type="button"
            ref={next}
            onClick={step(1)}
            aria-disabled={cursor >= last}
            aria-label="Next step"
          >
            Next ›
          </button>
          <button type="button" onClick={leavePresenter} data-testid="presenter-exit">
            Exit <kbd>Esc</kbd>
          </button>
        </div>
      </div>
      <p
        ref={notes}
        className={`presenter-narration${text.length > 320 ? ' long' : ''}`}
        data-testid="presenter-narration"
        tabIndex={0}
        onScroll={measure}
      >
        {text}
      </p>
      {/* One line under the note: its op (a step without a note is narrated by the op itself,
          once) and, at the right, whether the note goes on: the map keeps the other line. */}
      <div className="presenter-foot">
        {frame && frame.op !== null && frame.note !== null && (
          <p className="presenter-op">
            <code>{describeOp(frame.op)}</code>
          </p>
        )}
        {(more.down || more.up) && (
          <p className="presenter-more" data-testid="presenter-more" aria-live="polite">
            {more.down
              ? 'More of this note: PageDown ▾'
              : 'End of the note: PageDown for the next step'}
          </p>
        )}
      </div>
    </section>
  );
}
