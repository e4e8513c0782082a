import { memo, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import { useApp, useAppApi } from '../../store/context';
import { MARKER_LABELS } from '../../store/markers';
import type { Trace } from '../../store/model';
import {
  selectCursor,
  selectFrame,
  selectLength,
  selectMarkers,
  selectTimelineSpan,
  selectTrace,
} from '../../store/selectors';
import { MARKER_KINDS } from '../../store/types';
import { useElementSize } from '../../views/shared/useElementSize';
import { useModes } from '../modes';
import { describeOp, stepAnnouncement } from '../../views/shared/format';
import { useSearch } from '../../views/kernel-path/searchState';
import { MarkerShape } from './MarkerShape';
import type { TimelineMark } from './timelineLayout';
import { layoutMarks, stepAt, stepX } from './timelineLayout';

/** Half the range thumb's width: the strip's x scale matches the native slider's travel. */
const PAD = 9;
const LANE = 7;

/** The marker glyphs: re-rendered only when the trace or the width changes, not per step. */
const Marks = memo(function Marks({ marks }: { marks: readonly TimelineMark[] }) {
  return marks.map((m) => (
    <MarkerShape key={`${m.kind}:${m.x}`} kind={m.kind} x={m.x} y={m.lane * LANE + 5} />
  ));
});

/** One focusable target per marked pixel column: it names its step and what happened there. */
interface MarkStep {
  readonly x: number;
  readonly index: number;
  readonly name: string;
}

function markSteps(marks: readonly TimelineMark[], trace: Trace): MarkStep[] {
  const byX = new Map<number, { index: number; kinds: string[] }>();
  for (const m of marks) {
    const at = byX.get(m.x);
    if (at) at.kinds.push(MARKER_LABELS[m.kind]);
    else byX.set(m.x, { index: m.index, kinds: [MARKER_LABELS[m.kind]] });
  }
  return [...byX]
    .sort((a, b) => a[0] - b[0])
    .map(([x, { index, kinds }]) => ({
      x,
      index,
      name: `Step ${index}: ${kinds.join(', ')} (${describeOp(trace.records[index]?.op ?? null)})`,
    }));
}

/** The key to the marker shapes: static, never re-rendered by a step. */
const TimelineLegend = memo(function TimelineLegend() {
  return (
    <ul className="timeline-legend" aria-label="Timeline markers">
      {MARKER_KINDS.map((k) => (
        <li key={k}>
          <svg width="10" height="10" viewBox="-5 -5 10 10" aria-hidden="true">
            <MarkerShape kind={k} x={0} y={0} r={3.5} />
          </svg>
          {MARKER_LABELS[k]}
        </li>
      ))}
    </ul>
  );
});

/** A scrubbable timeline: a native range input (keyboard, screen reader) under a marker strip. */
export function Timeline() {
  const api = useAppApi();
  const cursor = useApp(selectCursor);
  const length = useApp(selectLength);
  // While a document streams in, the strip and the slider span its whole length; a step that has
  // not arrived yet cannot be reached (seek clamps to the frames there are).
  const span = useApp(selectTimelineSpan);
  const markers = useApp(selectMarkers);
  const frame = useApp(selectFrame);
  const wrap = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(wrap);
  const trace = useApp(selectTrace);
  const hitSteps = useSearch((h) => h.hits.steps);
  const [tip, setTip] = useState<number | null>(null);
  const [rove, setRove] = useState(0);
  const marks = useMemo(() => layoutMarks(markers, span, width, PAD), [markers, span, width]);
  const steps = useMemo(() => markSteps(marks, trace), [marks, trace]);
  // Steps where the trace search found something: one tick per pixel column, under the lanes.
  const hitXs = useMemo(
    () => [...new Set(hitSteps.map((i) => Math.round(stepX(i, span, width, PAD))))],
    [hitSteps, span, width],
  );
  const base = MARKER_KINDS.length * LANE + 3;
  // Presenter mode: marker targets of 44×44 (its rule for every control); a later marker's target
  // lies over an earlier one's where steps are closer than that, and the tip names the one hit.
  const presenting = useModes((m) => m.presenting);
  const hitW = presenting ? 44 : 8;
  const hitH = presenting ? Math.max(base, 44) : base;
  const height = Math.max(hitH, base + (hitXs.length > 0 ? LANE + 1 : 0));
  const x = stepX(cursor, span, width, PAD);

  const scrub = (e: PointerEvent<SVGSVGElement>) => {
    if (e.type === 'pointerdown') e.currentTarget.setPointerCapture(e.pointerId);
    else if (e.buttons === 0) return;
    const box = e.currentTarget.getBoundingClientRect();
    api.getState().seek(stepAt(e.clientX - box.left, span, width, PAD));
  };
  const go = (to: number) => {
    const el = wrap.current?.querySelectorAll<SVGGElement>('.mark-step')[to];
    if (!el) return;
    setRove(to);
    el.focus();
  };
  const onMarkKey = (e: KeyboardEvent<SVGGElement>, i: number) => {
    const last = steps.length - 1;
    const to: Record<string, number> = {
      ArrowLeft: Math.max(0, i - 1),
      ArrowRight: Math.min(last, i + 1),
      Home: 0,
      End: last,
    };
    if (e.key in to) go(to[e.key] ?? i);
    else if (e.key === 'Enter' || e.key === ' ') api.getState().seek(steps[i]?.index ?? cursor);
    else return;
    // The keys are the marker strip's here, not the transport's.
    e.preventDefault();
  };
  const shown = tip !== null ? steps[tip] : undefined;

  return (
    <div className="timeline">
      <div className="timeline-track" ref={wrap}>
        <svg
          className="timeline-strip"
          width={width}
          height={height}
          role="group"
          aria-label={`Timeline markers: ${steps.length} marked step${steps.length === 1 ? '' : 's'}`}
          onPointerDown={scrub}
          onPointerMove={scrub}
          data-testid="timeline-strip"
        >
          <g aria-hidden="true">
            {MARKER_KINDS.map((k, lane) => (
              <line
                key={k}
                className="lane"
                x1={PAD}
                x2={width - PAD}
                y1={lane * LANE + 6}
                y2={lane * LANE + 6}
              />
            ))}
            <Marks marks={marks} />
            {hitXs.map((hx) => (
              <line
                key={hx}
                className="search-hit"
                x1={hx}
                x2={hx}
                y1={base + 1}
                y2={base + LANE}
              />
            ))}
          </g>
          {steps.map((m, i) => (
            <g
              key={m.x}
              className="mark-step"
              role="button"
              tabIndex={i === Math.min(rove, steps.length - 1) ? 0 : -1}
              aria-label={m.name}
              data-step={m.index}
              onFocus={() => {
                setTip(i);
                setRove(i);
              }}
              onBlur={() => {
                setTip(null);
              }}
              onPointerEnter={() => {
                setTip(i);
              }}
              onPointerLeave={() => {
                setTip(null);
              }}
              onKeyDown={(e) => {
                onMarkKey(e, i);
              }}
            >
              <rect x={m.x - hitW / 2} y={0} width={hitW} height={hitH} className="mark-hit" />
            </g>
          ))}
        </svg>
        {shown && (
          <div
            className="timeline-tip"
            aria-hidden="true"
            data-testid="timeline-tip"
            style={{ left: Math.max(0, Math.min(shown.x - 80, width - 240)) }}
          >
            {shown.name}
          </div>
        )}
        {/* The cursor moves on the compositor (a transform), so stepping never repaints the strip. */}
        <div
          className="timeline-cursor"
          aria-hidden="true"
          style={{ height, transform: `translateX(${x - 1}px)` }}
        />
        <input
          type="range"
          className="timeline-range"
          min={0}
          max={Math.max(0, span - 1)}
          step={1}
          value={cursor}
          aria-label="Step"
          aria-valuetext={stepAnnouncement(cursor, length, frame?.note ?? null, frame?.op ?? null)}
          onChange={(e) => {
            api.getState().seek(Number(e.currentTarget.value));
          }}
          data-testid="timeline-range"
        />
      </div>
      <TimelineLegend />
    </div>
  );
}
