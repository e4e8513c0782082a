import { useApp } from '../store/context';
import { selectCursor, selectFrame, selectLength, selectScenarioSummary } from '../store/selectors';
import { stepAnnouncement } from '../views/shared/format';

/** A polite live region: every step is announced as "Step N of M: <note>". */
export function Announcer() {
  const cursor = useApp(selectCursor);
  const length = useApp(selectLength);
  const frame = useApp(selectFrame);
  const summary = useApp(selectScenarioSummary);
  const note = frame?.note ?? (frame?.op === null && summary ? summary : null);
  return (
    <div role="status" aria-live="polite" className="sr-only" data-testid="announcer">
      {frame ? stepAnnouncement(cursor, length, note, frame.op) : ''}
    </div>
  );
}
