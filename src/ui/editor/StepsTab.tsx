import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { stepNumber } from '../../scenarios';
import { useApp } from '../../store/context';
import type { AppStore } from '../../store/createAppStore';
import { checkNote } from '../../lesson/staleNote';
import { resultsFor } from './noteCheck';
import { notify } from '../notices/notices';
import { parseIntField, showField } from './fieldValue';
import { StepForm } from './StepForm';
import { StepList } from './StepList';
import {
  asObject,
  insertStep,
  moveStep,
  removeStep,
  replaceStep,
  setField,
  stepsOf,
  stepWithOp,
  type Json,
} from './stepOps';

/** No step compared: the trace on screen is not of this document (yet). */
const NO_CHECKS: readonly (ReturnType<typeof checkNote> | null)[] = [];

interface Props {
  readonly store: AppStore;
  readonly doc: Json;
  readonly error: string | null;
  readonly onChange: (doc: Json) => void;
}

/** Title, summary and machine size, then the step list and the selected step's form. */
export function StepsTab({ store, doc, error, onChange }: Props) {
  const steps = stepsOf(doc);
  const cursor = useApp((s) => s.cursor);
  const screenDoc = useApp((s) => s.scenario.doc);
  // The step being edited is the step on screen: steps[i] is the transport's step i + 1.
  const [selected, setSelected] = useState(() => Math.max(0, cursor - 1));
  const sel = Math.min(selected, Math.max(0, steps.length - 1));
  const machine = asObject(doc.machine);
  // The notes' checks follow the trace a render late (React renders the deferred value in a task
  // of its own): when a 100,000-step trace completes, its 100,000 results were compared in the
  // same task as every other view's render of it, a 56–72 ms task (bench/longtask.bench.ts).
  const trace = useDeferredValue(useApp((s) => s.trace));
  // Each O(steps): once per document and trace, not on every render (a step of the transport
  // renders this tab; a 100,000-step document held the page ~190 ms in them while its trace
  // streamed in, bench/longtask.bench.ts --profile).
  const results = useMemo(() => resultsFor(doc, trace), [doc, trace]);
  const checks = useMemo(
    () =>
      results === undefined
        ? NO_CHECKS
        : steps.map((raw, i) => {
            const r = results[i];
            return r === undefined ? null : checkNote(asObject(raw), r);
          }),
    [steps, results],
  );
  const stale = useMemo(() => checks.map((c) => c?.kind === 'stale'), [checks]);

  // The editor follows the transport: stepping to step N selects it (boot keeps the selection).
  // Adjusted while rendering (React's pattern for state derived from a changed prop).
  const [seenCursor, setSeenCursor] = useState(cursor);
  if (cursor !== seenCursor) {
    setSeenCursor(cursor);
    if (cursor >= 1) setSelected(cursor - 1);
  }
  // The views follow the editor: a newly selected step, or an edit once it reaches the store,
  // shows the state after the edited step. A scenario put on screen by something else (the
  // picker, a link) is left at its own step.
  const shown = useRef({ sel, doc: screenDoc });
  useEffect(() => {
    const before = shown.current;
    shown.current = { sel, doc: screenDoc };
    if (before.sel === sel && before.doc === screenDoc) return;
    const s = store.getState();
    if (before.doc !== screenDoc && screenDoc !== s.editorDoc) return;
    // A step inserted past the end is shown once the edit reaches the store.
    if (sel + 1 >= s.trace.length || s.cursor === sel + 1) return;
    s.seek(sel + 1);
  }, [sel, screenDoc, store]);

  const select = (i: number) => {
    setSelected(i);
    // Show the state after this step: frame i + 1.
    store.getState().seek(i + 1);
  };
  const actions = {
    select,
    move: (from: number, to: number) => {
      onChange(moveStep(doc, from, to));
      setSelected(to);
    },
    insertAfter: (i: number) => {
      const base = asObject(steps[i]);
      onChange(
        insertStep(
          doc,
          i + 1,
          stepWithOp('read', { pid: base.pid ?? 1, addr: base.addr, npages: 1 }),
        ),
      );
      setSelected(i + 1);
    },
    remove: (i: number) => {
      onChange(removeStep(doc, i));
      notify('info', 'file', `Step ${stepNumber(i)} removed.`, {
        label: 'Undo',
        run: () => {
          onChange(doc);
          setSelected(i);
        },
      });
    },
  };

  return (
    <div className="steps-tab">
      <div className="doc-fields">
        <label className="field wide">
          <span>title</span>
          <input
            type="text"
            value={showField(doc.title)}
            data-testid="doc-title"
            onChange={(e) => {
              const t = e.currentTarget.value;
              onChange(setField(doc, 'title', t === '' ? undefined : t));
            }}
          />
        </label>
        <label className="field wide">
          <span>summary</span>
          <textarea
            rows={2}
            value={showField(doc.summary)}
            onChange={(e) => {
              const t = e.currentTarget.value;
              onChange(setField(doc, 'summary', t === '' ? undefined : t));
            }}
          />
        </label>
        <label className="field">
          <span>RAM pages</span>
          <input
            type="text"
            inputMode="numeric"
            value={showField(machine.ramPages)}
            placeholder="4096"
            onChange={(e) => {
              const t = e.currentTarget.value;
              onChange(
                setField(
                  doc,
                  'machine',
                  setField(machine, 'ramPages', t === '' ? undefined : parseIntField(t)),
                ),
              );
            }}
          />
        </label>
      </div>
      <div className="steps-head">
        <h3>Steps ({steps.length})</h3>
        <button
          type="button"
          data-testid="add-step"
          onClick={() => {
            actions.insertAfter(steps.length - 1);
          }}
        >
          Add step
        </button>
      </div>
      {steps.length === 0 ? (
        <p className="muted">No steps yet.</p>
      ) : (
        <>
          <StepList steps={steps} selected={sel} error={error} stale={stale} {...actions} />
          <p className="small muted">
            On a step: ↑/↓ choose, Alt+↑/↓ move, Insert adds a step after it, Delete removes it.
          </p>
          <h3>Step {stepNumber(sel)}</h3>
          <StepForm
            index={sel}
            step={steps[sel]}
            result={results?.[sel]}
            check={checks[sel] ?? null}
            onChange={(s) => {
              onChange(replaceStep(doc, sel, s));
            }}
          />
        </>
      )}
    </div>
  );
}
