import { useEffect, useMemo, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { KernelEvents } from '../../store/model';
import type { Era } from '../../model';
import { elixirLink } from './elixir';
import type { Folds } from './fold';
import { DEFAULT_FOLDS, callEnds, flip, foldedBy, visibleEvents } from './fold';
import { eventMatches, matchingEvents } from './traceSearch';

/** Events a step shows at most before "Show more"; a big migration can run thousands. */
export const EVENT_PAGE = 32;
/** Events drawn before the panel says how many fit; then it grows by EVENT_GROW while it can. */
export const EVENT_FIRST = 12;
const EVENT_GROW = 8;

/**
 * Grow `fits` while a sentinel after the list is within a quarter of the panel's height below its
 * visible area: the list draws what can be seen (and a screen more), not every event of the step.
 * A step changes every event, so events out of view would cost layout and paint for nothing. The
 * count is kept from step to step (it is the panel's capacity), and grows as the user scrolls.
 */
function useFits(sentinel: RefObject<HTMLElement | null>, active: boolean): number {
  const [fits, setFits] = useState(EVENT_FIRST);
  useEffect(() => {
    const el = sentinel.current;
    if (!active || !el || typeof IntersectionObserver === 'undefined') return;
    const root = el.closest('.panel-body');
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setFits((n) => n + EVENT_GROW);
      },
      { root, rootMargin: '0px 0px 25% 0px' },
    );
    io.observe(el);
    return () => {
      io.disconnect();
    };
    // Observed again after each growth: the observer reports only changes, and after growing the
    // sentinel may still be in reach.
  }, [sentinel, active, fits]);
  // Without IntersectionObserver (old engines, test DOMs) every event up to the page is drawn.
  return typeof IntersectionObserver === 'undefined' ? Number.POSITIVE_INFINITY : fits;
}

/** The kernel functions of one step, in call order, indented by depth, each linked to its file. */
export function EventList({
  events,
  query = '',
  era = 'v4.14',
}: {
  events: KernelEvents;
  /** A trace search (normalQuery): the list holds the matching events only, unfolded. */
  query?: string;
  /** Whose source the links open: the era the step ran in. */
  era?: Era;
}) {
  const [limit, setLimit] = useState(EVENT_PAGE);
  const [expanded, setExpanded] = useState(false);
  const [seen, setSeen] = useState(events);
  const ends = useMemo(() => callEnds(events), [events]);
  const [folds, setFolds] = useState<Folds>(DEFAULT_FOLDS);
  // A new step starts collapsed again (state derived from props, updated during render). The list
  // is not remounted, so stepping reuses its DOM nodes.
  if (seen !== events) {
    setSeen(events);
    setLimit(EVENT_PAGE);
    setExpanded(false);
    setFolds(DEFAULT_FOLDS);
  }
  const searching = query !== '';
  // While searching, the step's list holds only its hits (the timeline shows the other steps).
  const isFolded = useMemo(() => foldedBy(folds, events, ends), [folds, events, ends]);
  const order = useMemo(() => {
    if (!searching) return visibleEvents(ends, isFolded, limit);
    const hits = matchingEvents(events, query);
    return { first: hits, count: hits.length };
  }, [events, ends, isFolded, limit, searching, query]);
  const foldable = useMemo(() => ends.some((end, i) => end > i + 1), [ends]);
  const sentinel = useRef<HTMLDivElement>(null);
  const capped = Math.min(limit, order.count);
  const fits = useFits(sentinel, !expanded && capped > EVENT_FIRST);
  const count = expanded ? capped : Math.min(capped, fits);
  if (events.length === 0)
    return <p className="muted small">No kernel function ran in this step.</p>;
  if (searching && order.count === 0)
    return <p className="muted small">No function of this step matches the search.</p>;
  const shown = order.first.slice(0, count);
  const toggle = (i: number) => {
    setFolds(flip(folds, i));
  };
  return (
    <>
      {foldable && !searching && (
        <p className="fold-all">
          <button
            type="button"
            className="small-btn"
            onClick={() => {
              setFolds({ rule: 'none', flipped: new Set() });
            }}
          >
            Unfold all
          </button>{' '}
          <button
            type="button"
            className="small-btn"
            onClick={() => {
              setFolds({ rule: 'all', flipped: new Set() });
            }}
          >
            Fold all
          </button>
        </p>
      )}
      <ol className="events" data-testid="events">
        {shown.map((i) => {
          const e = events.at(i);
          if (!e) return null;
          const link = elixirLink(e.file, era);
          const calls = (ends[i] ?? i + 1) - i - 1;
          const foldedHere = !searching && isFolded(i);
          const hit = searching && eventMatches(e, query);
          return (
            <li
              key={i}
              style={{ paddingInlineStart: `${e.depth * 14}px` }}
              className={hit ? 'hit' : undefined}
            >
              {calls > 0 && !searching ? (
                <button
                  type="button"
                  className="fold"
                  aria-expanded={!foldedHere}
                  aria-label={`${foldedHere ? 'Unfold' : 'Fold'} the ${calls} calls of ${e.fn}`}
                  onClick={() => {
                    toggle(i);
                  }}
                >
                  {foldedHere ? '▸' : '▾'}
                </button>
              ) : (
                <span className="fold-space" aria-hidden="true" />
              )}
              {hit ? <mark className="fn">{e.fn}</mark> : <code className="fn">{e.fn}</code>}{' '}
              {link ? (
                <a href={link.url} target="_blank" rel="noopener noreferrer" className="file">
                  {e.file}
                  {link.version !== era && ` (${link.version})`}
                </a>
              ) : (
                <span className="file">{e.file}</span>
              )}
              {foldedHere && <span className="muted small"> … {calls} calls folded</span>}
              {e.text && <div className="event-text">{e.text}</div>}
            </li>
          );
        })}
      </ol>
      <div ref={sentinel} className="events-end" aria-hidden="true" />
      {order.count > count && (
        <button
          type="button"
          className="small-btn"
          onClick={() => {
            setExpanded(true);
            setLimit(Math.max(limit, count + EVENT_PAGE * 4));
          }}
        >
          Show more ({order.count - count} not shown)
        </button>
      )}
    </>
  );
}
