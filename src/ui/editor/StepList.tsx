import type { KeyboardEvent } from 'react';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { stepNumber } from '../../scenarios';
import { errorStep, showField, stepSummary } from './fieldValue';
import { asObject } from './stepOps';

export interface StepListActions {
  readonly select: (i: number) => void;
  readonly move: (from: number, to: number) => void;
  readonly insertAfter: (i: number) => void;
  readonly remove: (i: number) => void;
}

interface Props extends StepListActions {
  readonly steps: readonly unknown[];
  readonly selected: number;
  readonly error: string | null;
  /** Steps whose hand-written note no longer matches their result. */
  readonly stale: readonly boolean[];
}

/** What a row does; the same object for the list's whole life, so an edit re-renders one row. */
interface RowActions extends StepListActions {
  readonly key: (i: number, e: KeyboardEvent<HTMLButtonElement>) => void;
}

interface RowProps {
  readonly i: number;
  readonly step: unknown;
  readonly selected: boolean;
  readonly bad: boolean;
  readonly stale: boolean;
  readonly last: boolean;
  readonly on: RowActions;
}

const SHOWN = 300;

/**
 * One step of the list. Memoized: typing in a step's form gives that step a new object and leaves
 * the others as they were, so a keystroke renders one row, not hundreds (issue 12).
 */
const StepRow = memo(function StepRow({ i, step, selected, bad, stale, last, on }: RowProps) {
  const s = asObject(step);
  const cls = `${selected ? 'selected' : ''}${bad ? ' bad' : ''}${stale ? ' stale' : ''}`;
  return (
    <li className={cls}>
      <button
        type="button"
        className="step-pick"
        data-step={i}
        aria-current={selected ? 'step' : undefined}
        aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown Insert Delete"
        onClick={() => {
          on.select(i);
        }}
        onKeyDown={(e) => {
          on.key(i, e);
        }}
      >
        <span className="step-index">{stepNumber(i)}</span>
        <span className="step-op">{showField(s.op) || '?'}</span>
        <span className="step-sum">{stepSummary(s)}</span>
        {bad && <span className="sr-only"> (has an error)</span>}
        {stale && (
          <span className="step-stale" title="Its note no longer matches its result">
            ▲<span className="sr-only"> (note may be out of date)</span>
          </span>
        )}
      </button>
      <span className="step-actions">
        <button
          type="button"
          aria-label={`Move step ${stepNumber(i)} up`}
          aria-disabled={i === 0}
          onClick={() => {
            if (i > 0) on.move(i, i - 1);
          }}
        >
          ↑
        </button>
        <button
          type="button"
          aria-label={`Move step ${stepNumber(i)} down`}
          aria-disabled={last}
          onClick={() => {
            if (!last) on.move(i, i + 1);
          }}
        >
          ↓
        </button>
        <button
          type="button"
          aria-label={`Insert a step after step ${stepNumber(i)}`}
          onClick={() => {
            on.insertAfter(i);
          }}
        >
          +
        </button>
        <button
          type="button"
          aria-label={`Remove step ${stepNumber(i)}`}
          onClick={() => {
            on.remove(i);
          }}
        >
          ×
        </button>
      </span>
    </li>
  );
});

/**
 * The steps in order. Each row selects its step; ↑/↓ go to the previous or next step, Alt+↑/↓
 * move it, Insert adds a step after it and Delete removes it; every action is also a button.
 */
export function StepList(props: Props) {
  const { steps, selected, error, stale } = props;
  const [all, setAll] = useState(false);
  const focusAt = useRef<number | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const bad = error === null ? null : errorStep(error);
  const shown = all ? steps : steps.slice(0, SHOWN);

  useEffect(() => {
    const at = focusAt.current;
    if (at === null) return;
    focusAt.current = null;
    list.current?.querySelector<HTMLButtonElement>(`[data-step="${at}"]`)?.focus();
  });

  // The rows' handlers call the newest actions (which close over the newest document).
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });
  const on = useMemo<RowActions>(() => {
    const go = (i: number) => {
      const t = Math.max(0, Math.min(latest.current.steps.length - 1, i));
      latest.current.select(t);
      focusAt.current = t;
    };
    return {
      select: (i) => {
        latest.current.select(i);
      },
      move: (from, to) => {
        latest.current.move(from, to);
      },
      insertAfter: (i) => {
        latest.current.insertAfter(i);
      },
      remove: (i) => {
        latest.current.remove(i);
      },
      key: (i, e) => {
        const { steps: now, move, insertAfter, remove } = latest.current;
        let handled = true;
        if (e.altKey && e.key === 'ArrowUp' && i > 0) {
          move(i, i - 1);
          focusAt.current = i - 1;
        } else if (e.altKey && e.key === 'ArrowDown' && i < now.length - 1) {
          move(i, i + 1);
          focusAt.current = i + 1;
        } else if (!e.altKey && e.key === 'ArrowUp') go(i - 1);
        else if (!e.altKey && e.key === 'ArrowDown') go(i + 1);
        else if (e.key === 'Insert') {
          insertAfter(i);
          focusAt.current = i + 1;
        } else if (e.key === 'Delete') {
          remove(i);
          focusAt.current = Math.min(i, now.length - 2);
        } else handled = false;
        if (handled) {
          e.preventDefault();
          e.stopPropagation();
        }
      },
    };
  }, []);

  return (
    <>
      <ol className="step-list" ref={list} aria-label="Steps" data-testid="step-list">
        {shown.map((raw, i) => (
          <StepRow
            key={i}
            i={i}
            step={raw}
            selected={i === selected}
            bad={i === bad}
            stale={stale[i] === true}
            last={i === steps.length - 1}
            on={on}
          />
        ))}
      </ol>
      {shown.length < steps.length && (
        <button
          type="button"
          onClick={() => {
            setAll(true);
          }}
        >
          Show all {steps.length} steps
        </button>
      )}
    </>
  );
}
