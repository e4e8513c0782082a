import { useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { KernelEvent } from '../../store/model';
import { elixirLink } from './elixir';

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
export function EventList({ events }: { events: readonly KernelEvent[] }) {
  const [limit, setLimit] = useState(EVENT_PAGE);
  const [expanded, setExpanded] = useState(false);
  const [seen, setSeen] = useState(events);
  // A new step starts collapsed again (state derived from props, updated during render). The list
  // is not remounted, so stepping reuses its DOM nodes.
  if (seen !== events) {
    setSeen(events);
    setLimit(EVENT_PAGE);
    setExpanded(false);
  }
  const sentinel = useRef<HTMLDivElement>(null);
  const capped = Math.min(limit, events.length);
  const fits = useFits(sentinel, !expanded && capped > EVENT_FIRST);
  const count = expanded ? capped : Math.min(capped, fits);
  if (events.length === 0)
    return <p className="muted small">No kernel function ran in this step.</p>;
  const shown = events.slice(0, count);
  return (
    <>
      <ol className="events" data-testid="events">
        {shown.map((e, i) => {
          const link = elixirLink(e.file);
          return (
            <li key={i} style={{ paddingInlineStart: `${e.depth * 14}px` }}>
              <code className="fn">{e.fn}</code>{' '}
              {link ? (
                <a href={link.url} target="_blank" rel="noopener noreferrer" className="file">
                  {e.file}
                  {link.version !== 'v4.14' && ` (${link.version})`}
                </a>
              ) : (
                <span className="file">{e.file}</span>
              )}
              {e.text && <div className="event-text">{e.text}</div>}
            </li>
          );
        })}
      </ol>
      <div ref={sentinel} className="events-end" aria-hidden="true" />
      {events.length > count && (
        <button
          type="button"
          className="small-btn"
          onClick={() => {
            setExpanded(true);
            setLimit(Math.max(limit, count + EVENT_PAGE * 4));
          }}
        >
          Show more ({events.length - count} not shown)
        </button>
      )}
    </>
  );
}
