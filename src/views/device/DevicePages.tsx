import { useState } from 'react';
import type { Device, Page, Table } from '../../model/types';
import { DevicePageRow } from './DevicePageRow';
import { countIn, sliceIn } from './tableWindow';

const ROWS = 16;

interface Props {
  readonly device: Device;
  readonly pages: Table<Page>;
  readonly touched: ReadonlySet<number>;
  readonly selectedPfn: number | null;
}

/** The device's pages that are not free, with refcount, mapcount and value, a window at a time. */
export function DevicePages({ device, pages, touched, selectedPfn }: Props) {
  const [skip, setSkip] = useState(0);
  const chunks = [...device.chunks].sort((a, b) => a.pfnFirst - b.pfnFirst);
  const totals = chunks.map((c) => countIn(pages, c.pfnFirst, c.pfnLast));
  const total = totals.reduce((a, b) => a + b, 0);
  const from = Math.max(0, Math.min(skip, Math.floor(Math.max(0, total - 1) / ROWS) * ROWS));
  const rows: [number, Page][] = [];
  let s = from;
  chunks.forEach((c, i) => {
    const n = totals[i] ?? 0;
    if (rows.length >= ROWS) return;
    if (s >= n) {
      s -= n;
      return;
    }
    rows.push(...sliceIn(pages, c.pfnFirst, c.pfnLast, s, ROWS - rows.length));
    s = 0;
  });
  if (total === 0)
    return (
      <p className="muted small">Every page is free (refcount 1, on the driver's free list).</p>
    );
  return (
    <>
      <table className="dev-pages">
        <caption>
          Pages in use: {total}
          {total > ROWS && (
            <span className="pager">
              <button
                type="button"
                aria-label="Earlier pages"
                aria-disabled={from === 0}
                onClick={() => {
                  setSkip(Math.max(0, from - ROWS));
                }}
              >
                ‹
              </button>
              {from + 1}–{from + rows.length}
              <button
                type="button"
                aria-label="Later pages"
                aria-disabled={from + ROWS >= total}
                onClick={() => {
                  setSkip(from + ROWS);
                }}
              >
                ›
              </button>
            </span>
          )}
        </caption>
        <thead>
          <tr>
            <th scope="col">pfn</th>
            <th scope="col">ref</th>
            <th scope="col">map</th>
            <th scope="col">value</th>
            <th scope="col">state</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([pfn, p]) => (
            <DevicePageRow
              key={pfn}
              pfn={pfn}
              page={p}
              changed={touched.has(pfn)}
              selected={pfn === selectedPfn}
            />
          ))}
        </tbody>
      </table>
    </>
  );
}
