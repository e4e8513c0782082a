import { memo } from 'react';

/** Key to the page-frame grid: each state by colour and by shape. */
const ITEMS: readonly [string, string][] = [
  ['sw-hole', 'no struct page'],
  ['sw-reserved', 'reserved'],
  ['sw-free', 'free RAM'],
  ['sw-devfree', 'free device'],
  ['sw-used', 'in use (half)'],
  ['sw-mapped', 'mapped once'],
  ['sw-shared', 'mapped 2+ (dot)'],
  ['sw-locked', 'locked (slash)'],
  ['sw-changed', 'changed'],
];

/** Static: never re-rendered by a step. */
export const GridLegend = memo(function GridLegend() {
  return (
    <ul className="legend grid-legend" aria-label="Page frame states">
      {ITEMS.map(([cls, label]) => (
        <li key={cls}>
          <span className={`swatch ${cls}`} aria-hidden="true" />
          {label}
        </li>
      ))}
    </ul>
  );
});
