import type { StepResult } from '../../model';
import { exhaustive } from '../../model';
import { resultLine, type NoteCheck } from '../../lesson/staleNote';
import { stepNumber } from '../../scenarios';
import { FOCUS_PANELS, parseFocus } from '../../scenarios/focus';
import { FIELDS, isOpName, OP_FIELDS, OP_LIST, type FieldSpec } from './opFields';
import { parseIntField, parseValues, showField, showValues } from './fieldValue';
import { asObject, setField, stepWithOp, type Json } from './stepOps';

interface Props {
  readonly index: number;
  readonly step: unknown;
  readonly onChange: (step: Json) => void;
  /** The step's result on screen (undefined while the screen shows another version). */
  readonly result: StepResult | null | undefined;
  readonly check: NoteCheck | null;
}

function Field({
  spec,
  step,
  onChange,
  id,
}: {
  spec: FieldSpec;
  step: Json;
  onChange: (s: Json) => void;
  id: string;
}) {
  const value = step[spec.key];
  switch (spec.kind) {
    case 'choice':
      return (
        <label className="field">
          <span>{spec.label}</span>
          <select
            value={showField(value)}
            onChange={(e) => {
              onChange(setField(step, spec.key, e.currentTarget.value));
            }}
          >
            {!(spec.options ?? []).includes(showField(value)) && (
              <option value={showField(value)}>{showField(value) || '—'}</option>
            )}
            {(spec.options ?? []).map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
      );
    case 'flags': {
      const set = new Set(Array.isArray(value) ? (value as unknown[]).map(showField) : []);
      return (
        <fieldset className="field flags">
          <legend>{spec.label}</legend>
          {(spec.options ?? []).map((o) => (
            <label key={o}>
              <input
                type="checkbox"
                checked={set.has(o)}
                onChange={(e) => {
                  const next = (spec.options ?? []).filter((x) =>
                    x === o ? e.currentTarget.checked : set.has(x),
                  );
                  onChange(setField(step, spec.key, next));
                }}
              />{' '}
              {o}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'values':
      return (
        <label className="field wide">
          <span>{spec.label}</span>
          <input
            type="text"
            value={showValues(step)}
            aria-describedby={`${id}-hint`}
            onChange={(e) => {
              const { value: one, values } = parseValues(e.currentTarget.value);
              onChange(setField(setField(step, 'value', one), 'values', values));
            }}
          />
          <small id={`${id}-hint`} className="muted">
            {spec.hint}
          </small>
        </label>
      );
    case 'int':
    case 'addr':
    case 'device':
      return (
        <label className="field">
          <span>{spec.label}</span>
          <input
            type="text"
            inputMode={spec.kind === 'int' ? 'numeric' : undefined}
            value={showField(value)}
            placeholder={spec.hint}
            spellCheck={false}
            onChange={(e) => {
              const t = e.currentTarget.value;
              onChange(setField(step, spec.key, spec.kind === 'int' ? parseIntField(t) : t));
            }}
          />
        </label>
      );
    default:
      return exhaustive(spec.kind);
  }
}

/** The fields of one step, by its op; changing the op keeps the fields both ops share. */
export function StepForm({ index, step, onChange, result, check }: Props) {
  const s = asObject(step);
  const op = isOpName(s.op) ? s.op : null;
  const id = `step-form-${index}`;
  return (
    <div
      className="step-form"
      role="group"
      aria-label={`Step ${stepNumber(index)}`}
      data-testid="step-form"
    >
      <label className="field">
        <span>op</span>
        <select
          value={op ?? ''}
          data-testid="step-op"
          onChange={(e) => {
            if (isOpName(e.currentTarget.value)) onChange(stepWithOp(e.currentTarget.value, s));
          }}
        >
          {op === null && <option value="">{showField(s.op) || 'choose an op'}</option>}
          {OP_LIST.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
      {op !== null &&
        OP_FIELDS[op].map((name) => (
          <Field key={name} spec={FIELDS[name]} step={s} onChange={onChange} id={`${id}-${name}`} />
        ))}
      <label className="field wide">
        <span>id</span>
        <input
          type="text"
          value={showField(s.id)}
          placeholder="optional label, e.g. fault-back"
          onChange={(e) => {
            const t = e.currentTarget.value;
            onChange(setField(s, 'id', t === '' ? undefined : t));
          }}
        />
      </label>
      <label className="field wide">
        <span>focus</span>
        <input
          type="text"
          list={`${id}-focus-list`}
          value={showField(s.focus)}
          placeholder="optional: a panel, or pte 1 0x10000000"
          spellCheck={false}
          data-testid="step-focus"
          aria-describedby={`${id}-focus-hint`}
          aria-invalid={typeof s.focus === 'string' && parseFocus(s.focus) === null}
          onChange={(e) => {
            const t = e.currentTarget.value;
            onChange(setField(s, 'focus', t === '' ? undefined : t));
          }}
        />
        <datalist id={`${id}-focus-list`}>
          {FOCUS_PANELS.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
        <small id={`${id}-focus-hint`} className="muted">
          What this step brings forward: a panel, or a map object (pte PID ADDR, page PFN, device
          NAME)
        </small>
      </label>
      <label className="field wide">
        <span>narration</span>
        <textarea
          rows={4}
          value={showField(s.note)}
          data-testid="step-note"
          aria-describedby={check?.kind === 'stale' ? `${id}-stale` : undefined}
          onChange={(e) => {
            const t = e.currentTarget.value;
            // A note is written for the result on screen: remember it, to warn when it changes.
            const stamp =
              t === '' ? undefined : result === undefined ? s.noteFor : resultLine(result);
            onChange(setField(setField(s, 'note', t === '' ? undefined : t), 'noteFor', stamp));
          }}
        />
      </label>
      {check?.kind === 'stale' && (
        <div className="note-stale" id={`${id}-stale`} role="note" data-testid="note-stale">
          <p>
            <span aria-hidden="true">▲ </span>This note was written when the step gave{' '}
            <strong>{check.was}</strong>; it now gives <strong>{check.now}</strong>. Check that the
            note still says what happens.
          </p>
          <button
            type="button"
            onClick={() => {
              onChange(setField(s, 'noteFor', check.now));
            }}
          >
            The note fits the new result
          </button>{' '}
          <button
            type="button"
            onClick={() => {
              onChange(setField(setField(s, 'note', undefined), 'noteFor', undefined));
            }}
          >
            Use the generated narration
          </button>
        </div>
      )}
    </div>
  );
}
