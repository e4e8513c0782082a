import type { KeyboardEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
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

const SHOWN = 300;

/**
 * The steps in order. Each row selects its step; ↑/↓ go to the previous or next step, Alt+↑/↓
 * move it, Insert adds a step after it and Delete removes it; every action is also a button.
 */
export function StepList({
  steps,
  selected,
  error,
  stale,
  select,
  move,
  insertAfter,
  remove,
}: Props) {
  const [all, setAll] = useState(false);
  const focusAt = useRef<number | null>(null);
  const setFocusAt = (i: number) => {
    focusAt.current = i;
  };
  const list = useRef<HTMLOListElement>(null);
  const bad = error === null ? null : errorStep(error);
  const shown = all ? steps : steps.slice(0, SHOWN);

  useEffect(() => {
    const at = focusAt.current;
    if (at === null) return;
    focusAt.current = null;
    list.current?.querySelector<HTMLButtonElement>(`[data-step="${at}"]`)?.focus();
  });

  const go = (i: number) => {
    const t = Math.max(0, Math.min(steps.length - 1, i));
    select(t);
    setFocusAt(t);
  };
  const onKey = (i: number) => (e: KeyboardEvent<HTMLButtonElement>) => {
    let handled = true;
    if (e.altKey && e.key === 'ArrowUp' && i > 0) {
      move(i, i - 1);
      setFocusAt(i - 1);
    } else if (e.altKey && e.key === 'ArrowDown' && i < steps.length - 1) {
      move(i, i + 1);
      setFocusAt(i + 1);
    } else if (!e.altKey && e.key === 'ArrowUp') go(i - 1);
    else if (!e.altKey && e.key === 'ArrowDown') go(i + 1);
    else if (e.key === 'Insert') {
      insertAfter(i);
      setFocusAt(i + 1);
    } else if (e.key === 'Delete') {
      remove(i);
      setFocusAt(Math.min(i, steps.length - 2));
    } else handled = false;
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  return (
    <>
      <ol className="step-list" ref={list} aria-label="Steps" data-testid="step-list">
        {shown.map((raw, i) => {
          const s = asObject(raw);
          const cls = `${i === selected ? 'selected' : ''}${i === bad ? ' bad' : ''}${stale[i] === true ? ' stale' : ''}`;
          return (
            <li key={i} className={cls}>
              <button
                type="button"
                className="step-pick"
                data-step={i}
                aria-current={i === selected ? 'step' : undefined}
                aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown Insert Delete"
                onClick={() => {
                  select(i);
                }}
                onKeyDown={onKey(i)}
              >
                <span className="step-index">{stepNumber(i)}</span>
                <span className="step-op">{showField(s.op) || '?'}</span>
                <span className="step-sum">{stepSummary(s)}</span>
                {i === bad && <span className="sr-only"> (has an error)</span>}
                {stale[i] === true && (
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
                    if (i > 0) move(i, i - 1);
                  }}
                >
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={`Move step ${stepNumber(i)} down`}
                  aria-disabled={i === steps.length - 1}
                  onClick={() => {
                    if (i < steps.length - 1) move(i, i + 1);
                  }}
                >
                  ↓
                </button>
                <button
                  type="button"
                  aria-label={`Insert a step after step ${stepNumber(i)}`}
                  onClick={() => {
                    insertAfter(i);
                  }}
                >
                  +
                </button>
                <button
                  type="button"
                  aria-label={`Remove step ${stepNumber(i)}`}
                  onClick={() => {
                    remove(i);
                  }}
                >
                  ×
                </button>
              </span>
            </li>
          );
        })}
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
