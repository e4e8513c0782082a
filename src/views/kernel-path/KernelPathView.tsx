import './kernel-path.css';
import { lazy, Suspense } from 'react';
import { useApp } from '../../store/context';
import {
  selectCursor,
  selectFrame,
  selectLength,
  selectPrevFrame,
  selectScenarioSummary,
} from '../../store/selectors';
import { chainText } from '../../lesson/chain';
import { plainSummary } from '../../lesson/narrate';
import type { Frame } from '../../store/model';
import { useNarration } from './useNarration';
import { GlossaryText } from '../shared/Term';
import { describeOp, resultPairs } from '../shared/format';
import { Panel } from '../shared/Panel';
import { ChapterList } from './ChapterList';
import { StartHint } from './StartHint';

// The path list, its folding and the trace search load as their own chunk: the narration above
// comes first, and the initial bundle stays inside its budget.
const PathPanel = lazy(() => import('./PathPanel'));

/** The step in words: narration, the op, its result, violations, and the kernel functions it ran. */
export function KernelPathView() {
  const frame = useApp(selectFrame);
  const prev = useApp(selectPrevFrame);
  const cursor = useApp(selectCursor);
  const length = useApp(selectLength);
  // The boot frame has no note of its own: it tells what the scenario is about.
  const summary = useApp(selectScenarioSummary);
  if (!frame)
    return (
      <Panel title="This step" name="kernel-path">
        <p className="muted">Nothing to show.</p>
      </Panel>
    );
  const result = resultPairs(frame.result ?? {});
  const plain = prev ? plainSummary(prev, frame) : plainSummary(frame, frame);
  const chain = chainText(frame.events);
  return (
    <Panel title="This step" name="kernel-path">
      <ChapterList />
      <p className="narration" data-testid="narration">
        <span className="step-tag">
          {cursor}/{Math.max(0, length - 1)}
        </span>{' '}
        <Narrated frame={frame} prev={prev} fallback={summary || describeOp(null)} />
      </p>
      <p className="plain" data-testid="plain-summary">
        <span className="plain-tag">In plain words</span> {plain}
      </p>
      <p className="op">
        <code>{describeOp(frame.op)}</code>
      </p>
      {result.length > 0 && (
        <dl className="result" aria-label="Result">
          {result.map(([k, v]) => (
            <div
              key={k}
              className={
                k === 'signal' || k === 'oom' || k === 'livelock' || (k === 'ret' && v !== '0')
                  ? 'bad'
                  : undefined
              }
            >
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      )}
      {frame.violations.length > 0 && (
        <div className="violations" role="alert">
          <h3>Invariant violations</h3>
          <ul>
            {frame.violations.map((v, i) => (
              <li key={`${v.id}-${i}`}>
                <strong>{v.id}</strong> {v.text}
              </li>
            ))}
          </ul>
        </div>
      )}
      {cursor === 0 && <StartHint />}
      <h3 className="path-title">Kernel path</h3>
      {chain && (
        <p className="chain" data-testid="kernel-chain">
          <code>{chain}</code>
        </p>
      )}
      <Suspense fallback={<p className="muted small">Loading the kernel path…</p>}>
        <PathPanel />
      </Suspense>
    </Panel>
  );
}

/**
 * The narration's words (a component of its own: hooks may not follow the panel's early return).
 * A step without a note is narrated from what the model did; it says so.
 */
function Narrated({
  frame,
  prev,
  fallback,
}: {
  frame: Frame;
  prev: Frame | undefined;
  fallback: string;
}) {
  const { text, generated } = useNarration(frame, prev, fallback);
  if (text === null) return <span className="muted">Narrating this step…</span>;
  return (
    <>
      <GlossaryText text={text} />
      {generated && <span className="muted small"> (narrated from the model)</span>}
    </>
  );
}
