import { memo, useMemo, useRef } from 'react';
import type { PointerEvent } from 'react';
import { useApp, useAppApi } from '../../store/context';
import { MARKER_LABELS } from '../../store/markers';
import { selectCursor, selectFrame, selectLength, selectMarkers } from '../../store/selectors';
import { MARKER_KINDS } from '../../store/types';
import { useElementSize } from '../../views/shared/useElementSize';
import { stepAnnouncement } from '../../views/shared/format';
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
  const markers = useApp(selectMarkers);
  const frame = useApp(selectFrame);
  const wrap = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(wrap);
  const marks = useMemo(() => layoutMarks(markers, length, width, PAD), [markers, length, width]);
  const height = MARKER_KINDS.length * LANE + 3;
  const x = stepX(cursor, length, width, PAD);

  const scrub = (e: PointerEvent<SVGSVGElement>) => {
    if (e.type === 'pointerdown') e.currentTarget.setPointerCapture(e.pointerId);
    else if (e.buttons === 0) return;
    const box = e.currentTarget.getBoundingClientRect();
    api.getState().seek(stepAt(e.clientX - box.left, length, width, PAD));
  };

  return (
    <div className="timeline">
      <div className="timeline-track" ref={wrap}>
        <svg
          className="timeline-strip"
          width={width}
          height={height}
          aria-hidden="true"
          onPointerDown={scrub}
          onPointerMove={scrub}
          data-testid="timeline-strip"
        >
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
        </svg>
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
          max={Math.max(0, length - 1)}
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
