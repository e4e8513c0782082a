import { useState } from 'react';
import { asPfn } from '../../model/ids';
import type { Device, Page, Table } from '../../model/types';
import { useAppApi } from '../../store/context';
import { hex } from '../shared/format';
import { countIn, sliceIn } from './tableWindow';

const ROWS = 32;

interface Props {
  readonly device: Device;
  readonly pages: Table<Page>;
  readonly touched: ReadonlySet<number>;
  readonly selectedPfn: number | null;
}

function state(p: Page): string {
  if (p.locked) return 'locked';
  if (p.mapcount > 0) return 'mapped';
  return p.allocated ? 'allocated' : 'in use';
}

/** The device's pages that are not free, with refcount, mapcount and value, a window at a time. */
export function DevicePages({ device, pages, touched, selectedPfn }: Props) {
  const api = useAppApi();
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
          {rows.map(([pfn, p]) => {
            const sel = pfn === selectedPfn;
            const cls = [touched.has(pfn) ? 'changed' : '', sel ? 'selected' : '']
              .filter(Boolean)
              .join(' ');
            return (
              <tr key={pfn} className={cls || undefined} data-pfn={pfn}>
                <td>
                  <button
                    type="button"
                    className="link"
                    aria-pressed={sel}
                    onClick={() => {
                      api.getState().select(sel ? null : { kind: 'page', pfn: asPfn(pfn) });
                    }}
                  >
                    {hex(pfn)}
                  </button>
                </td>
                <td>{p.refcount}</td>
                <td>{p.mapcount}</td>
                <td>{p.value}</td>
                <td>
                  {state(p)}
                  {touched.has(pfn) && <span className="sr-only"> (changed this step)</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
