import { memo } from 'react';

/**
 * How to read the map's marks; re-rendered only when the mode changes. In presenter mode
 * (`folded`) it is one line, "Key to the map", that opens the same list (same type size): on a
 * 1024×768 projector the list took a fifth of the screen from the map.
 */
export const MapLegend = memo(function MapLegend({ folded = false }: { folded?: boolean }) {
  if (folded)
    return (
      <details className="map-legend-fold" data-testid="map-legend-fold">
        <summary>Key to the map</summary>
        <LegendList />
      </details>
    );
  return <LegendList />;
});

function LegendList() {
  return (
    <ul className="legend map-legend" aria-label="How to read the memory map">
      <li>
        <svg width="34" height="10" aria-hidden="true">
          <path d="M1,5H33" className="lg lg-present" />
        </svg>
        CPU maps the frame (present, devmap)
      </li>
      <li>
        <svg width="34" height="12" aria-hidden="true">
          <path d="M7,6H33" className="lg lg-broken" />
          <circle cx="6" cy="6" r="5" className="nocpu-disc" />
          <path d="M3.5,3.5L8.5,8.5M8.5,3.5L3.5,8.5" className="nocpu-x" />
        </svg>
        device-private entry: the CPU cannot follow it (a touch faults)
      </li>
      <li>
        <svg width="34" height="10" aria-hidden="true">
          <path d="M1,5H33" className="lg lg-mirror" />
        </svg>
        device page table (mirror)
      </li>
      <li>
        <span className="lg-swatch mark-changed" aria-hidden="true" /> changed this step
      </li>
      <li>
        <span className="lg-swatch mark-ghost" aria-hidden="true" /> gone this step (ghost, where it
        was)
      </li>
      <li>
        <span className="lg-swatch leak" aria-hidden="true" /> references no link explains (leak)
      </li>
      <li>
        <span className="lg-swatch stuck" aria-hidden="true" /> its fault repeats and nothing
        changes (livelock, stuck)
      </li>
      <li>
        P present · Z zero · U devmap · D device-private · M migration · X device-exclusive · H
        hwpoison · W/R write bit
      </li>
    </ul>
  );
}
