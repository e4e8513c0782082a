import { memo } from 'react';
import { Term } from '../shared/Term';
import { PTE_GLYPHS } from '../shared/pteGlyph';

/** Key to the PTE glyphs, drawn with the same classes as the cells. */
export const PteLegend = memo(function PteLegend() {
  return (
    <ul className="legend pte-legend" aria-label="PTE kinds">
      {PTE_GLYPHS.map((g) => (
        <li key={g.kind}>
          <span className={`pte mini ${g.cls} s-${g.shape}`} aria-hidden="true">
            <span className="glyph">{g.letter}</span>
          </span>
          <Term id={g.kind === 'zero' ? 'zero-page' : g.kind}>{g.label}</Term>
        </li>
      ))}
      <li>
        <span className="pte mini k-present s-square w" aria-hidden="true">
          <span className="glyph">P</span>
        </span>
        corner mark: writable
      </li>
    </ul>
  );
});
