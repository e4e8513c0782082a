/**
 * The kernel path of the step on screen, with a search across the whole trace: the steps with
 * hits show on the timeline (searchState), Enter / the buttons jump between them, and the hits of
 * this step are marked in its list. Loaded as its own chunk after the narration.
 */
import { useDeferredValue, useEffect, useId, useMemo, useState } from 'react';
import { useApp, useAppApi } from '../../store/context';
import { selectCursor, selectFrame, selectTrace } from '../../store/selectors';
import { EventList } from './EventList';
import { setExportEvents } from './exportPath';
import { search } from './searchState';
import { nextHit, NO_HITS, normalQuery, searchTrace } from './traceSearch';

/** Focus the body of the next panel (the page tables): past the 30-100 source links of a step. */
function skipPast(): void {
  const next = document.querySelector<HTMLElement>(
    '[data-testid="view-page-tables"] .panel-body, [data-testid="view-device"] .panel-body',
  );
  next?.focus();
}

export default function PathPanel() {
  const api = useAppApi();
  const frame = useApp(selectFrame);
  const trace = useApp(selectTrace);
  const cursor = useApp(selectCursor);
  const [text, setText] = useState(() => search.getState().query);
  const query = normalQuery(useDeferredValue(text));
  const hits = useSearchHits(trace, query);
  const id = useId();
  const events = frame?.events ?? [];
  useEffect(() => {
    setExportEvents(frame?.events ?? []);
  }, [frame]);
  const jump = (d: 1 | -1) => {
    const to = nextHit(hits.steps, cursor, d);
    if (to !== null) api.getState().seek(to);
  };
  const here = hits.steps.includes(cursor);
  return (
    <>
      <button type="button" className="skip-inline" onClick={skipPast}>
        Skip the kernel path ({events.length} functions)
      </button>
      <div className="path-search" role="search">
        <label htmlFor={`${id}-q`}>Search every step</label>
        <input
          id={`${id}-q`}
          type="search"
          value={text}
          placeholder="function or file, e.g. migrate_vma"
          spellCheck={false}
          data-testid="trace-search"
          aria-describedby={`${id}-n`}
          onChange={(e) => {
            setText(e.currentTarget.value);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              jump(e.shiftKey ? -1 : 1);
            }
          }}
        />
        <button
          type="button"
          className="small-btn"
          aria-label="Previous step with a hit"
          aria-disabled={hits.steps.length === 0}
          onClick={() => {
            jump(-1);
          }}
        >
          ‹
        </button>
        <button
          type="button"
          className="small-btn"
          aria-label="Next step with a hit"
          aria-disabled={hits.steps.length === 0}
          onClick={() => {
            jump(1);
          }}
        >
          ›
        </button>
        <span id={`${id}-n`} className="muted small" aria-live="polite" data-testid="search-count">
          {query === ''
            ? ''
            : hits.total === 0
              ? 'no step ran it'
              : `${hits.total} in ${hits.steps.length} step${hits.steps.length === 1 ? '' : 's'}${
                  here ? `, step ${String(cursor)} among them` : ''
                } (on the timeline)`}
        </span>
      </div>
      <EventList events={events} query={query} era={frame?.state.era ?? 'v4.14'} />
    </>
  );
}

/** Hits of `query` in `trace` (memoised), published for the timeline; cleared when the panel goes. */
function useSearchHits(trace: Parameters<typeof searchTrace>[0], query: string) {
  const hits = useMemo(() => searchTrace(trace, query), [trace, query]);
  useEffect(() => {
    search.setState({ query, hits });
  }, [query, hits]);
  useEffect(
    () => () => {
      search.setState({ query: '', hits: NO_HITS });
    },
    [],
  );
  return hits;
}
