import type { KeyboardEvent } from 'react';
import { asPfn, pfnToPhys } from '../../model';
import type { AxisBand } from './addressAxis';
import { yOfAddress } from './addressAxis';
import { bytes, hex } from '../shared/format';

interface Props {
  readonly bands: readonly AxisBand[];
  readonly width: number;
  readonly height: number;
  /** Byte range the grid shows, bracketed on the axis. */
  readonly window: { start: number; end: number } | null;
  readonly selected: number | null;
  readonly onPick: (band: AxisBand) => void;
}

const BAR_X = 8;
const BAR_W = 18;

/** The resource tree on a broken axis; a resource is a button that zooms the grid to it. */
export function AddressAxis({ bands, width, height, window: win, selected, onPick }: Props) {
  const onKey = (b: AxisBand) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onPick(b);
    }
  };
  const mark = (addr: number) => bands.find((b) => addr >= b.start && addr < b.end);
  return (
    <svg
      className="axis"
      width={width}
      height={height}
      role="group"
      aria-label="Physical address space, 0 at the bottom"
    >
      {bands.map((b) =>
        b.kind === 'gap' ? (
          <g key={`gap-${b.start}`} className="gap" aria-hidden="true">
            <path
              d={`M${BAR_X} ${b.y0 + 4}l${BAR_W / 2} -3l${BAR_W / 2} 3M${BAR_X} ${b.y1 - 4}l${BAR_W / 2} -3l${BAR_W / 2} 3`}
            />
            <text x={BAR_X + BAR_W + 6} y={(b.y0 + b.y1) / 2 + 4} className="gap-label">
              hole {bytes(b.end - b.start)}
            </text>
          </g>
        ) : (
          <g
            key={`res-${b.start}`}
            className={`band ${b.resource?.systemRam ? 'ram' : 'dev'}`}
            role="button"
            tabIndex={0}
            aria-label={`${b.resource?.name ?? 'resource'} ${hex(b.start)}–${hex(b.end - 1)}, ${bytes(b.end - b.start)}: show its page frames`}
            onClick={() => {
              onPick(b);
            }}
            onKeyDown={onKey(b)}
            data-testid={`band-${b.resource?.name ?? b.start}`}
          >
            <rect
              x={BAR_X}
              y={b.y0 + 1}
              width={BAR_W}
              height={Math.max(2, b.y1 - b.y0 - 2)}
              rx={2}
            />
            {b.ticks.map((t) => (
              <line key={t} className="tick" x1={BAR_X - 4} x2={BAR_X} y1={t} y2={t} />
            ))}
            <text x={BAR_X + BAR_W + 6} y={b.y0 + 14} className="band-name">
              {b.resource?.name}
            </text>
            {/* Lines that do not fit in the band are left out (the label has them all). */}
            {b.y1 - b.y0 >= 30 && (
              <text x={BAR_X + BAR_W + 6} y={b.y0 + 27} className="band-range">
                {hex(b.start)}
              </text>
            )}
            {b.y1 - b.y0 >= 44 && (
              <text x={BAR_X + BAR_W + 6} y={b.y0 + 40} className="band-range">
                {bytes(b.end - b.start)}
              </text>
            )}
          </g>
        ),
      )}
      {win &&
        [mark(win.start)].map((b) =>
          b ? (
            <path
              key="win"
              className="window-mark"
              aria-hidden="true"
              d={`M${BAR_X - 6} ${yOfAddress(b, Math.min(win.end, b.end))}h4V${yOfAddress(b, win.start)}h-4`}
            />
          ) : null,
        )}
      {selected !== null &&
        [mark(pfnToPhys(asPfn(selected)))].map((b) =>
          b ? (
            <path
              key="sel"
              className="sel-mark"
              aria-hidden="true"
              d={`M${BAR_X + BAR_W + 1} ${yOfAddress(b, pfnToPhys(asPfn(selected)))}l5 -4v8z`}
            />
          ) : null,
        )}
    </svg>
  );
}
