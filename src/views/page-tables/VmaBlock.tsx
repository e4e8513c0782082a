import { useState } from 'react';
import { asVpn, hexVpn, pteKey, tableGet, type Process, type PteKey, type Vma } from '../../model';
import type { TouchedPtes } from '../shared/useTouched';
import { PteCell } from './PteCell';
import { clampOffset, followOffset, vmaFlags, vmaPages } from './vmaWindow';

interface Props {
  readonly proc: Process;
  readonly vma: Vma;
  readonly size: number;
  readonly touched: TouchedPtes;
  readonly linked: ReadonlySet<PteKey>;
  readonly selectedKey: PteKey | null;
  /** A vpn the window should show (the selection, or the first PTE this step touched). */
  readonly focusVpn: number | null;
}

/** A VMA's range and flags, and a window of its PTEs. */
export function VmaBlock({ proc, vma, size, touched, linked, selectedKey, focusVpn }: Props) {
  const pages = vmaPages(vma);
  const [offset, setOffset] = useState(0);
  const [lastFocus, setLastFocus] = useState<number | null>(null);
  // Follow the focus vpn when it changes (derived state, updated during render).
  if (focusVpn !== lastFocus) {
    setLastFocus(focusVpn);
    if (focusVpn !== null) setOffset(followOffset(vma, offset, size, focusVpn));
  }
  const start = clampOffset(vma, offset, size);
  const end = Math.min(pages, start + size);
  const { perms, words } = vmaFlags(vma);
  const cells = [];
  for (let i = start; i < end; i++) {
    const vpn = asVpn(vma.start + i);
    const key = pteKey(proc.pid, vpn);
    // Cells are keyed by slot, not vpn: paging the window updates the buttons instead of
    // replacing them (vpns are in each cell's data and label).
    cells.push(
      <PteCell
        key={i - start}
        pid={proc.pid}
        vpn={vpn}
        pte={tableGet(proc.ptes, vpn)}
        changed={touched.has(proc.pid, vpn)}
        linked={linked.has(key)}
        selected={selectedKey === key}
      />,
    );
  }
  return (
    <li className="vma" data-testid={`vma-${proc.pid}-${vma.start}`}>
      <div className="vma-head">
        <code>
          {hexVpn(vma.start)}–{hexVpn(vma.end)}
        </code>{' '}
        <code className="perms">{perms}</code> <span className="muted">{words.join(' · ')}</span>{' '}
        <span className="muted">({pages} pages)</span>
      </div>
      {pages > size && (
        <div className="vma-window">
          <button
            type="button"
            aria-label="Earlier PTEs"
            onClick={() => {
              setOffset(clampOffset(vma, start - size, size));
            }}
            aria-disabled={start === 0}
          >
            ‹
          </button>
          <span>
            pages {start}–{end - 1} of {pages}
          </span>
          <button
            type="button"
            aria-label="Later PTEs"
            onClick={() => {
              setOffset(clampOffset(vma, start + size, size));
            }}
            aria-disabled={end >= pages}
          >
            ›
          </button>
        </div>
      )}
      <div
        className="pte-grid"
        role="group"
        aria-label={`PTEs of ${hexVpn(vma.start)}–${hexVpn(vma.end)}`}
      >
        {cells}
      </div>
    </li>
  );
}
