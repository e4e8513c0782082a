import { useState } from 'react';
import type { KernelEvent } from '../../store/model';
import { elixirLink } from './elixir';

/** Events drawn at first; a big migration can run thousands of functions. */
export const EVENT_PAGE = 32;

/** The kernel functions of one step, in call order, indented by depth, each linked to its file. */
export function EventList({ events }: { events: readonly KernelEvent[] }) {
  const [limit, setLimit] = useState(EVENT_PAGE);
  const [seen, setSeen] = useState(events);
  // A new step starts collapsed again (state derived from props, updated during render). The list
  // is not remounted, so stepping reuses its DOM nodes.
  if (seen !== events) {
    setSeen(events);
    setLimit(EVENT_PAGE);
  }
  if (events.length === 0)
    return <p className="muted small">No kernel function ran in this step.</p>;
  const shown = events.slice(0, limit);
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
      {events.length > limit && (
        <button
          type="button"
          className="small-btn"
          onClick={() => {
            setLimit(limit + EVENT_PAGE * 4);
          }}
        >
          Show more ({events.length - limit} not shown)
        </button>
      )}
    </>
  );
}
