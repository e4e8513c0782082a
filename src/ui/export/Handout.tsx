import './handout.css';
import { useEffect, useRef, useState } from 'react';
import { useApp, useAppApi } from '../../store/context';
import { describeOp } from '../../views/shared/format';
import { setModes } from '../modes';
import { renderHandout, type HandoutPage } from './renderHandout';
import { ALL_VIEWS, viewTargets } from './views';

/**
 * A printable page: every step's narration and a small picture of one view at that step. Made by
 * stepping the app through the scenario behind this page and snapshotting the view at each step;
 * the step on screen is restored afterwards. The print stylesheet prints this page alone.
 */
export default function Handout() {
  const api = useAppApi();
  const title = useApp((s) => s.scenario.title);
  const summary = useApp((s) => s.scenario.summary);
  const trace = useApp((s) => s.trace);
  // The memory map: the whole picture of each step (export draws it whole, not a crop).
  const [view, setView] = useState('map');
  const [pages, setPages] = useState<readonly HandoutPage[]>([]);
  const [progress, setProgress] = useState<string>('');
  const close = useRef<HTMLButtonElement>(null);
  const views = viewTargets();

  useEffect(() => {
    document.documentElement.dataset.handout = '';
    close.current?.focus();
    return () => {
      delete document.documentElement.dataset.handout;
    };
  }, []);

  useEffect(() => {
    const ctl = new AbortController();
    void renderHandout(api, view, ctl.signal, (done, total) => {
      setProgress(done < total ? `Drawing step ${done} of ${total - 1}…` : `${total} steps.`);
    }).then((p) => {
      if (!ctl.signal.aborted) setPages(p);
    });
    return () => {
      ctl.abort();
    };
  }, [api, view, trace]);

  useEffect(
    () => () => {
      for (const p of pages) if (p.image) URL.revokeObjectURL(p.image);
    },
    [pages],
  );

  return (
    <div
      className="handout"
      role="dialog"
      aria-modal="true"
      aria-label="Handout"
      data-testid="handout"
    >
      <div className="handout-tools">
        <label>
          Picture{' '}
          <select
            value={view}
            onChange={(e) => {
              setPages([]);
              setView(e.currentTarget.value);
            }}
          >
            {views.map((v) => (
              <option key={v.name} value={v.name}>
                {v.title}
              </option>
            ))}
            <option value={ALL_VIEWS}>All views</option>
          </select>
        </label>
        <span role="status" className="small muted" data-testid="handout-progress">
          {progress}
        </span>
        <button
          type="button"
          onClick={() => {
            window.print();
          }}
          aria-disabled={pages.length === 0}
        >
          Print
        </button>
        <button
          type="button"
          ref={close}
          onClick={() => {
            setModes({ handoutOpen: false });
          }}
        >
          Close
        </button>
      </div>
      <article className="handout-page">
        <h1>{title}</h1>
        {summary !== '' && <p className="handout-summary">{summary}</p>}
        <ol className="handout-steps" start={0}>
          {pages.map((p) => (
            <li key={p.index} className="handout-step" data-testid="handout-step">
              <h2>
                Step {p.index}: <code>{describeOp(p.frame.op)}</code>
              </h2>
              <p>
                {p.frame.note ??
                  (p.frame.op === null && summary ? summary : describeOp(p.frame.op))}
              </p>
              {p.image ? (
                <img
                  src={p.image}
                  width={p.width}
                  height={p.height}
                  alt={`${p.viewTitle} after step ${p.index}`}
                />
              ) : (
                <p className="muted">No picture: {p.problem}</p>
              )}
            </li>
          ))}
        </ol>
      </article>
    </div>
  );
}
