import './transport.css';
import { useApp, useAppApi } from '../../store/context';
import { selectCursor, selectLength, selectPlaying, selectSpeed } from '../../store/selectors';
import type { AppState } from '../../store/types';
import { SPEEDS } from '../../store/types';
import { Icon } from './Icons';
import { Timeline } from './Timeline';

const selectAtStart = (s: AppState): boolean => s.cursor <= 0;
const selectAtEnd = (s: AppState): boolean => s.cursor >= s.trace.length - 1;

/**
 * The counter's width in `ch` (a digit's advance): "Step " and " of " about 6.6, each digit of
 * the two numbers (one bold) about 2.1, measured in Chromium's default sans; rounded up, so a
 * font a little wider still fits.
 */
const COUNT_BASE_CH = 7.2;
const COUNT_DIGIT_CH = 2.3;

/**
 * "Step N of M": the only text of the bar that changes on every step. Its box has a width fixed
 * by M's digits, so it is its own layout root (Blink's relayout boundary: size and layout
 * contained, a block's child, not a grid item): a step lays out the counter, not the page.
 */
function StepCount() {
  const cursor = useApp(selectCursor);
  const length = useApp(selectLength);
  const last = Math.max(0, length - 1);
  const width = `${COUNT_BASE_CH + COUNT_DIGIT_CH * String(last).length}ch`;
  return (
    <p className="step-count" data-testid="step-count">
      <span className="step-count-box" style={{ width }}>
        Step <strong>{cursor}</strong> of {last}
      </span>
    </p>
  );
}

function SpeedSelect() {
  const api = useAppApi();
  const speed = useApp(selectSpeed);
  return (
    <label className="speed">
      Speed
      <select
        value={speed}
        onChange={(e) => {
          api.getState().setSpeed(Number(e.currentTarget.value));
        }}
      >
        {SPEEDS.map((v) => (
          <option key={v} value={v}>
            {v} step{v === 1 ? '' : 's'}/s
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * First / back / play-pause / forward / last, speed, step counter and the timeline. The buttons
 * subscribe to "at the start" and "at the end", not to the cursor, so a step re-renders only the
 * counter and the timeline. Each button is one intent: the store's seek pauses and moves in one write.
 */
export function Transport() {
  const api = useAppApi();
  const length = useApp(selectLength);
  const playing = useApp(selectPlaying);
  const atStart = useApp(selectAtStart);
  const atEnd = useApp(selectAtEnd);
  const s = () => api.getState();

  return (
    <nav className="transport" aria-label="Step through the scenario" data-testid="transport">
      <div className="transport-buttons">
        <button
          type="button"
          onClick={() => {
            s().first();
          }}
          aria-disabled={atStart}
          aria-label="First step"
          title="First step (Home)"
        >
          <Icon name="first" />
        </button>
        <button
          type="button"
          onClick={() => {
            s().stepBy(-1);
          }}
          aria-disabled={atStart}
          aria-label="Step back"
          title="Step back (←)"
        >
          <Icon name="back" />
        </button>
        <button
          type="button"
          className="play"
          onClick={() => {
            s().togglePlay();
          }}
          aria-disabled={length < 2}
          aria-label={playing ? 'Pause' : 'Play'}
          title={playing ? 'Pause (Space)' : 'Play (Space)'}
        >
          <Icon name={playing ? 'pause' : 'play'} />
        </button>
        <button
          type="button"
          onClick={() => {
            s().stepBy(1);
          }}
          aria-disabled={atEnd}
          aria-label="Step forward"
          title="Step forward (→)"
        >
          <Icon name="forward" />
        </button>
        <button
          type="button"
          onClick={() => {
            s().last();
          }}
          aria-disabled={atEnd}
          aria-label="Last step"
          title="Last step (End)"
        >
          <Icon name="last" />
        </button>
      </div>
      <StepCount />
      <SpeedSelect />
      <Timeline />
    </nav>
  );
}
