import './compare.css';
import { use, useMemo } from 'react';
import { loadEraComparison, type EraDifference, type StepComparison } from '../../model';
import { useApp, useAppApi } from '../../store/context';
import {
  selectCompare,
  selectCompareFrame,
  selectComparePrevFrame,
  selectCursor,
  selectEra,
  selectFrame,
  selectPrevFrame,
  selectTrace,
} from '../../store/selectors';
import { Panel } from '../shared/Panel';
import { CompareMap } from './CompareMap';

/** A difference's value as one short line. */
function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'object' && 'kind' in v) {
    const p = v as { kind: string; write?: boolean; zero?: boolean; pfn?: string };
    const w = p.write === undefined ? '' : p.write ? ' W' : ' R';
    return `${p.kind}${p.zero ? ' zero' : ''}${w}${p.pfn ? ` ${p.pfn}` : ''}`;
  }
  if (typeof v === 'object' && 'refcount' in v) {
    const p = v as { memory: string; refcount: number; mapcount: number; value: number };
    return `${p.memory} ref ${p.refcount} map ${p.mapcount} value ${p.value}`;
  }
  return JSON.stringify(v);
}

function DifferenceList({
  diffs,
  eras,
}: {
  diffs: readonly EraDifference[];
  eras: [string, string];
}) {
  return (
    <table className="compare-diffs" data-testid="compare-step-diffs">
      <thead>
        <tr>
          <th scope="col">What</th>
          <th scope="col">{eras[0]}</th>
          <th scope="col">{eras[1]}</th>
        </tr>
      </thead>
      <tbody>
        {diffs.map((d) => (
          <tr key={d.what}>
            <th scope="row">{d.what}</th>
            <td>{show(d.a)}</td>
            <td>{show(d.b)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Fetched with this view, not with the first page (model loadEraComparison). */
const comparison = loadEraComparison();

/**
 * The scenario in two eras side by side, on the one timeline: both memory maps at the cursor with
 * what differs outlined on each, the step's answers, and every step whose result, PTEs, struct
 * pages or invariants differ, listed ("step 8: v4.14 livelock · v6.12 read 1, PTE present R").
 */
export function CompareView() {
  const { compareFrames, describeResult } = use(comparison);
  const api = useAppApi();
  const compare = useApp(selectCompare);
  const era = useApp(selectEra);
  const cursor = useApp(selectCursor);
  const frame = useApp(selectFrame);
  const prev = useApp(selectPrevFrame);
  const other = useApp(selectCompareFrame);
  const otherPrev = useApp(selectComparePrevFrame);
  const trace = useApp(selectTrace);
  // Per pair of traces, once: what differs, step by step.
  const steps: readonly StepComparison[] = useMemo(
    () => (compare ? compareFrames(trace, compare.trace, [era, compare.era]) : []),
    [compareFrames, trace, compare, era],
  );
  const here: StepComparison | undefined = useMemo(
    () => steps.find((s) => s.index === cursor - 1),
    [steps, cursor],
  );
  const diffIds = useMemo(
    () => new Set((here?.differences ?? []).flatMap((d) => (d.key ? [d.key] : []))),
    [here],
  );
  if (!compare) return null;
  const eras: [string, string] = [era, compare.era];
  const op = frame?.op?.op ?? 'boot';
  return (
    <Panel
      title={`${eras[0]} and ${eras[1]}, side by side`}
      name="compare"
      tools={
        <button
          type="button"
          className="small-btn"
          onClick={() => {
            api.getState().compareWith(null);
          }}
        >
          One era
        </button>
      }
    >
      {compare.error !== null ? (
        <p role="alert">
          This scenario could not run in {compare.era}: {compare.error}
        </p>
      ) : (
        <>
          <p className="compare-here" data-testid="compare-here" aria-live="polite">
            {cursor === 0
              ? 'Boot: both kernels start from the same machine.'
              : here
                ? here.summary
                : `step ${cursor}: the same in both eras (${describeResult(op, frame?.result ?? null)})`}
          </p>
          <div className="compare-maps">
            {[
              { name: eras[0], f: frame, p: prev },
              { name: eras[1], f: other, p: otherPrev },
            ].map(({ name, f, p }) => (
              <section
                key={name}
                className="compare-side"
                aria-label={`${name} at this step`}
                data-testid={`compare-side-${name}`}
              >
                <h3>
                  {name}:{' '}
                  <span className="compare-result">{describeResult(op, f?.result ?? null)}</span>
                </h3>
                {f ? (
                  <CompareMap era={name} frame={f} prev={p} diffIds={diffIds} />
                ) : (
                  <p className="muted">No frame at this step.</p>
                )}
              </section>
            ))}
          </div>
          {here && <DifferenceList diffs={here.differences} eras={eras} />}
          <h3 className="compare-list-head">
            Steps that differ ({steps.length} of {Math.max(0, compare.trace.length - 1)})
          </h3>
          {steps.length === 0 ? (
            <p className="muted" data-testid="compare-none">
              Every step answers the same in both eras.
            </p>
          ) : (
            <ol className="compare-steps" data-testid="compare-steps">
              {steps.map((s) => (
                <li key={s.index}>
                  <button
                    type="button"
                    className="link-btn"
                    aria-current={s.index === cursor - 1 ? 'step' : undefined}
                    onClick={() => {
                      api.getState().seek(s.index + 1);
                    }}
                  >
                    {s.summary}
                  </button>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </Panel>
  );
}
