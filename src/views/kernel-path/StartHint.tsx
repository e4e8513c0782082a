import './hints.css';
import { lazy, Suspense, useState } from 'react';

// The tour is asked for by one click at most: it loads then, not with the shell.
const Tour = lazy(() => import('./Tour').then((m) => ({ default: m.Tour })));

/**
 * The first thing a new user reads, in the boot step: what to press, and an optional tour of the
 * views. Shown at step 0 only; it takes the place of the empty path list, so nothing moves.
 */
export function StartHint() {
  const [touring, setTouring] = useState(false);
  return (
    <aside className="start-hint" aria-label="How to start" data-testid="start-hint">
      <p>
        <strong>Start here:</strong> press <kbd>→</kbd> (or the Step forward button) to run the
        first step, <kbd>Space</kbd> to play them all, <kbd>F6</kbd> to move between panels. Words
        with a dotted underline explain themselves on hover or focus.
      </p>
      <button
        type="button"
        className="small-btn"
        onClick={() => {
          setTouring(true);
        }}
      >
        Take the 5-stop tour
      </button>
      {touring && (
        <Suspense fallback={null}>
          <Tour
            onClose={() => {
              setTouring(false);
            }}
          />
        </Suspense>
      )}
    </aside>
  );
}
