import { useMemo } from 'react';
import { chapterIndexAt, chapterRanges } from '../../lesson/chapters';
import { useApp, useAppApi } from '../../store/context';
import { selectCursor, selectLength } from '../../store/selectors';

/** A lesson's chapters: jump to the first step of one; the current one is marked. */
export function ChapterList() {
  const api = useAppApi();
  const chapters = useApp((s) => s.scenario.doc.chapters);
  const length = useApp(selectLength);
  const cursor = useApp(selectCursor);
  const ranges = useMemo(() => chapterRanges(chapters, length), [chapters, length]);
  if (ranges.length === 0) return null;
  const here = chapterIndexAt(ranges, cursor);
  return (
    <nav className="chapters" aria-label="Chapters" data-testid="chapters">
      <ol>
        {ranges.map((r, i) => (
          <li key={r.from}>
            <button
              type="button"
              className="link"
              aria-current={i === here ? 'step' : undefined}
              onClick={() => {
                api.getState().seek(r.from);
              }}
            >
              {r.title}
            </button>{' '}
            <span className="muted small">
              {r.from === r.to ? `step ${r.from}` : `steps ${r.from}–${r.to}`}
            </span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
