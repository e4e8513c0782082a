import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import {
  type Device,
  type Page,
  type Table,
  tableCount,
  tableIndexOf,
  tableSlice,
} from '../../model';
import { Term } from '../shared/Term';
import { scrollIntoPanel } from '../shared/scrollIntoPanel';
import { DevicePageRow } from './DevicePageRow';

export const DEVICE_ROWS = 16;

interface Props {
  readonly device: Device;
  readonly pages: Table<Page>;
  readonly touched: ReadonlySet<number>;
  readonly selectedPfn: number | null;
}

/** The device's chunks in pfn order, as [first, last) ranges. */
function chunkRanges(device: Device): [number, number][] {
  return [...device.chunks]
    .sort((a, b) => a.pfnFirst - b.pfnFirst)
    .map((c) => [c.pfnFirst, c.pfnLast]);
}

/** Position of `pfn` among the device's pages in use (in pfn order), or -1. */
function rowOf(pages: Table<Page>, ranges: [number, number][], pfn: number): number {
  let before = 0;
  for (const [a, b] of ranges) {
    if (pfn >= a && pfn < b) {
      const i = tableIndexOf(pages, a, b, pfn);
      return i < 0 ? -1 : before + i;
    }
    before += tableCount(pages, a, b);
  }
  return -1;
}

/**
 * The device's pages that are not free, with refcount, mapcount and value, a window at a time.
 * The window follows the selection: a page selected anywhere (a PTE, the grid, the free list)
 * brings its row into the window and scrolls it into view.
 */
export function DevicePages({ device, pages, touched, selectedPfn }: Props) {
  const [skip, setSkip] = useState(0);
  const [lastSel, setLastSel] = useState<number | null>(null);
  const ranges = useMemo(() => chunkRanges(device), [device]);
  const totals = ranges.map(([a, b]) => tableCount(pages, a, b));
  const total = totals.reduce((a, b) => a + b, 0);
  // Follow the selection when it changes (derived state, updated during render).
  if (selectedPfn !== lastSel) {
    setLastSel(selectedPfn);
    const row = selectedPfn === null ? -1 : rowOf(pages, ranges, selectedPfn);
    if (row >= 0) {
      const page = Math.floor(row / DEVICE_ROWS) * DEVICE_ROWS;
      if (page !== skip) setSkip(page);
    }
  }
  const from = Math.max(
    0,
    Math.min(skip, Math.floor(Math.max(0, total - 1) / DEVICE_ROWS) * DEVICE_ROWS),
  );
  const rows: [number, Page][] = [];
  let s = from;
  ranges.forEach(([a, b], i) => {
    const n = totals[i] ?? 0;
    if (rows.length >= DEVICE_ROWS) return;
    if (s >= n) {
      s -= n;
      return;
    }
    rows.push(...tableSlice(pages, a, b, s, DEVICE_ROWS - rows.length));
    s = 0;
  });

  // Bring the selected row on screen inside the panel, once per new selection.
  const body = useRef<HTMLTableSectionElement>(null);
  useLayoutEffect(() => {
    if (lastSel === null) return;
    const tr = body.current?.querySelector<HTMLElement>(`tr[data-pfn="${lastSel}"]`);
    if (tr) scrollIntoPanel(tr);
  }, [lastSel]);

  if (total === 0)
    return (
      <p className="muted small">Every page is free (refcount 1, on the driver's free list).</p>
    );
  return (
    <table className="dev-pages">
      <caption>
        Pages in use: {total}
        {total > DEVICE_ROWS && (
          <span className="pager">
            <button
              type="button"
              aria-label="Earlier pages"
              aria-disabled={from === 0}
              onClick={() => {
                setSkip(Math.max(0, from - DEVICE_ROWS));
              }}
            >
              ‹
            </button>
            <span data-testid="device-rows">
              {from + 1}–{from + rows.length}
            </span>
            <button
              type="button"
              aria-label="Later pages"
              aria-disabled={from + DEVICE_ROWS >= total}
              onClick={() => {
                if (from + DEVICE_ROWS < total) setSkip(from + DEVICE_ROWS);
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
          <th scope="col">
            <Term id="refcount">ref</Term>
          </th>
          <th scope="col">
            <Term id="mapcount">map</Term>
          </th>
          <th scope="col">value</th>
          <th scope="col">state</th>
        </tr>
      </thead>
      <tbody ref={body}>
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
  );
}
