import './predict.css';
import { useEffect, useMemo, useRef } from 'react';
import { type Question, questionFor } from '../../lesson/predict';
import { asPfn, asPid, asVpn } from '../../model';
import { useApp, useAppApi } from '../../store/context';
import { selectCursor, selectTrace } from '../../store/selectors';
import { answer, setPredicting, usePredict } from './predictMode';

/**
 * Predict the next state: the question for the step after the cursor, its choices, and once
 * answered whether it was right, why, and a button that shows the step with the answer selected.
 * While a question is open, → and PageDown go to it instead of past it.
 */
export function PredictPanel() {
  const api = useAppApi();
  const trace = useApp(selectTrace);
  const cursor = useApp(selectCursor);
  const picked = usePredict((s) => (s.trace === trace ? s.picked : null));
  const next = cursor + 1;
  const q = useMemo(() => questionFor(trace, next), [trace, next]);
  const chosen = q ? picked?.[q.step] : undefined;
  const score = useMemo(() => {
    let right = 0;
    let asked = 0;
    for (const [step, id] of Object.entries(picked ?? {})) {
      const qq = questionFor(trace, Number(step));
      if (!qq) continue;
      asked++;
      if (qq.answer === id) right++;
    }
    return { right, asked };
  }, [picked, trace]);
  const first = useRef<HTMLButtonElement>(null);

  // Gate the forward keys while the next step's question is open.
  useEffect(() => {
    if (!q || chosen !== undefined) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'ArrowRight' && e.key !== 'PageDown') return;
      const t = e.target as HTMLElement | null;
      if (t?.closest('input, select, textarea, [contenteditable="true"]')) return;
      e.preventDefault();
      first.current?.focus();
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
    };
  }, [q, chosen]);

  const reveal = (question: Question) => {
    const f = question.focus;
    const selection =
      f?.kind === 'pte'
        ? ({ kind: 'pte', pid: asPid(f.pid), vpn: asVpn(f.vpn) } as const)
        : f?.kind === 'page'
          ? ({ kind: 'page', pfn: asPfn(f.pfn) } as const)
          : undefined;
    api.getState().seek(question.step, selection);
  };

  return (
    <section className="predict" aria-label="Predict the next step" data-testid="predict">
      <header className="predict-head">
        <h2>Predict</h2>
        <span className="predict-score" data-testid="predict-score">
          Score {score.right}/{score.asked}
        </span>
        <button
          type="button"
          className="small-btn"
          onClick={() => {
            setPredicting(false);
          }}
        >
          Leave predict mode
        </button>
      </header>
      {!q ? (
        <p data-testid="predict-done">
          {next >= trace.length
            ? `End of the scenario. You got ${score.right} of ${score.asked} right.`
            : 'Nothing to predict here.'}
        </p>
      ) : (
        <div key={q.step}>
          <p className="predict-q" data-testid="predict-question">
            <span className="step-tag">Step {q.step}</span> {q.prompt}
          </p>
          <div className="predict-choices" role="group" aria-label="Choices">
            {q.choices.map((c, i) => {
              const state =
                chosen === undefined
                  ? ''
                  : c.id === q.answer
                    ? ' right'
                    : c.id === chosen
                      ? ' wrong'
                      : '';
              return (
                <button
                  key={c.id}
                  ref={i === 0 ? first : undefined}
                  type="button"
                  className={`predict-choice${state}`}
                  aria-pressed={chosen === c.id}
                  aria-disabled={chosen !== undefined}
                  data-choice={c.id}
                  onClick={() => {
                    if (chosen === undefined) answer(trace, q.step, c.id);
                  }}
                >
                  <span aria-hidden="true">{c.id.toUpperCase()}.</span> {c.label}
                  {state === ' right' && <span className="sr-only"> (the answer)</span>}
                </button>
              );
            })}
          </div>
          {chosen !== undefined && (
            <div className="predict-answer" role="status" data-testid="predict-answer">
              <p>
                <strong>{chosen === q.answer ? 'Right.' : 'Not quite.'}</strong> {q.explanation}
              </p>
              <button
                type="button"
                className="predict-reveal"
                onClick={() => {
                  reveal(q);
                }}
              >
                Show step {q.step}
              </button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
