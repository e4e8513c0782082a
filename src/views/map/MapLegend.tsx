import { memo } from 'react';

/** How to read the map's marks; static, so it never re-renders. */
export const MapLegend = memo(function MapLegend() {
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
        P present · Z zero · U devmap · D device-private · M migration · X device-exclusive · H
        hwpoison · W/R write bit
      </li>
    </ul>
  );
});
