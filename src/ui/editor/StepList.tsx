import type { KeyboardEvent } from 'react';
import { memo, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { stepNumber } from '../../scenarios';
import { errorStep, showField, stepSummary } from './fieldValue';
import { asObject } from './stepOps';
import { measureRowAfterLayout, observeRectAfterLayout } from './unforcedMeasure';

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
  /** Of how many steps (the list draws only those near its scroll position). */
  readonly count: number;
  readonly on: RowActions;
  /** The virtualizer measures each drawn row (a stale mark or a wrapped line changes its height). */
  readonly measure: (el: HTMLLIElement | null) => void;
}

/** A row's height before it is measured (one line of the list's font). */
const ROW_PX = 30;
const measureRow = measureRowAfterLayout(ROW_PX);

/**
 * One step of the list. Memoized: typing in a step's form gives that step a new object and leaves
 * the others as they were, so a keystroke renders one row, not hundreds (issue 12).
 */
const StepRow = memo(function StepRow({
  i,
  step,
  selected,
  bad,
  stale,
  last,
  count,
  on,
  measure,
}: RowProps) {
  const s = asObject(step);
  const cls = `${selected ? 'selected' : ''}${bad ? ' bad' : ''}${stale ? ' stale' : ''}`;
  return (
    <li className={cls} ref={measure} data-index={i} aria-posinset={i + 1} aria-setsize={count}>
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
 * Only the rows near the list's scroll position exist (@tanstack/react-virtual): opening a
 * 10,000-step document created 300 rows of 9 elements in one ~120 ms task, and the steps after
 * them could only be reached by drawing all 10,000. Each row says its place (aria-posinset).
 */
export function StepList(props: Props) {
  const { steps, selected, error, stale } = props;
  const focusAt = useRef<number | null>(null);
  const list = useRef<HTMLOListElement>(null);
  // The scroller holds the list: the rows' room is padding on the list inside it (padding on the
  // scroller itself would count as its height, put every row in view and draw all of them).
  const scroller = useRef<HTMLDivElement>(null);
  const bad = error === null ? null : errorStep(error);
  // No compiler memoizes this component; the rows are memoized by hand and get measureElement,
  // which is the same function for the virtualizer's whole life.
  // eslint-disable-next-line react-hooks/incompatible-library -- see above
  const rows = useVirtualizer({
    count: steps.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: 8,
    observeElementRect: observeRectAfterLayout,
    measureElement: measureRow,
  });

  // A step selected elsewhere (the transport, a form) scrolls into the list's view.
  useEffect(() => {
    if (selected >= 0 && selected < steps.length) rows.scrollToIndex(selected, { align: 'auto' });
  }, [selected, steps.length, rows]);

  useEffect(() => {
    const at = focusAt.current;
    if (at === null) return;
    const row = list.current?.querySelector<HTMLButtonElement>(`[data-step="${at}"]`);
    // A row that is not drawn yet: scroll to it, and focus it on the render that draws it.
    if (!row) {
      rows.scrollToIndex(at, { align: 'auto' });
      return;
    }
    focusAt.current = null;
    row.focus();
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

  const drawn = rows.getVirtualItems();
  const top = drawn[0]?.start ?? 0;
  const bottom = rows.getTotalSize() - (drawn.at(-1)?.end ?? 0);
  return (
    <div className="step-scroll" ref={scroller}>
      <ol
        className="step-list"
        ref={list}
        aria-label="Steps"
        data-testid="step-list"
        // The rows not drawn keep their room, so the scrollbar is the whole list's.
        style={{ paddingTop: top, paddingBottom: bottom }}
      >
        {drawn.map(({ index: i }) => (
          <StepRow
            key={i}
            i={i}
            step={steps[i]}
            selected={i === selected}
            bad={i === bad}
            stale={stale[i] === true}
            last={i === steps.length - 1}
            count={steps.length}
            on={on}
            measure={rows.measureElement}
          />
        ))}
      </ol>
    </div>
  );
}
