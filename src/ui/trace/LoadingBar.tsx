/**
 * While a heavy document is computed in the worker: what is being computed, how far it got, and a
 * Cancel (also Escape) that keeps what is on screen: the scenario before, or the new one's frames
 * so far when it went on screen early (then the bar says its timeline is cut, with a way to
 * compute the rest). It floats over the top of the page, so the views do not move when it comes
 * and goes; the views stay usable underneath.
 */
import { useEffect } from 'react';
import { useApp, useAppApi } from '../../store/context';
import type { AppState } from '../../store/types';
import { thousands as fmt } from '../../model';
import '../notices/notices.css';
import './loading.css';

const selectLoading = (s: AppState) => s.loading;
const selectStopped = (s: AppState) => s.stopped;

export function LoadingBar() {
  const api = useAppApi();
  const loading = useApp(selectLoading);
  const stopped = useApp(selectStopped);
  const active = loading !== null;
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      api.getState().cancelLoading();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [active, api]);
  if (!loading)
    return stopped ? <StoppedBar frames={stopped.frames} total={stopped.total} /> : null;
  const { title, done, total, shown } = loading;
  const label = `Computing “${title}”`;
  return (
    <div className="notice notice-info loading-bar" role="status" aria-live="polite">
      <span className="loading-text">
        {label}… {fmt(done)} / {fmt(total)} frames
        {shown ? ': its timeline grows as they arrive' : ''}
      </span>
      <progress max={total} value={done} aria-label={label} />
      <button
        type="button"
        onClick={() => {
          api.getState().cancelLoading();
        }}
      >
        Cancel <kbd>Esc</kbd>
      </button>
    </div>
  );
}

/** After a Cancel that kept a document's first frames: how much is there, and the way to the rest. */
function StoppedBar({ frames, total }: { frames: number; total: number }) {
  const api = useAppApi();
  return (
    <div className="notice notice-warning loading-bar" role="status" data-testid="stopped-bar">
      <span className="loading-text">
        Stopped: the timeline ends at step {fmt(Math.max(0, frames - 1))} of {fmt(total - 1)}.
      </span>
      <button
        type="button"
        onClick={() => {
          const { scenario, cursor } = api.getState();
          const { doc, ...meta } = scenario;
          api.getState().open({ meta, doc, step: cursor, history: 'replace' });
        }}
      >
        Compute the rest
      </button>
    </div>
  );
}
