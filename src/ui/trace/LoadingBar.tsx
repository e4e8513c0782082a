/**
 * While a heavy document is computed in the worker: what is being computed, how far it got, and a
 * Cancel (also Escape) that keeps the scenario on screen. It floats over the top of the page, so
 * the views do not move when it comes and goes; the views stay usable underneath.
 */
import { useEffect } from 'react';
import { useApp, useAppApi } from '../../store/context';
import type { AppState } from '../../store/types';
import '../notices/notices.css';
import './loading.css';

const selectLoading = (s: AppState) => s.loading;

export function LoadingBar() {
  const api = useAppApi();
  const loading = useApp(selectLoading);
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
  if (!loading) return null;
  const { title, done, total } = loading;
  const label = `Computing “${title}”`;
  return (
    <div className="notice notice-info loading-bar" role="status" aria-live="polite">
      <span className="loading-text">
        {label}… {done.toLocaleString('en-US')} / {total.toLocaleString('en-US')} frames
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
