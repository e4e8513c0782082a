import { useLayoutEffect, useMemo, useRef } from 'react';
import type { Frame } from '../../store/model';
import { useElementSize } from '../shared/useElementSize';
import { diffFrames } from '../map/diff';
import { layoutMap } from '../map/layout';
import { renderScene } from '../map/render';
import { paintDiffs } from './paintDiffs';

const NOOP = (): void => undefined;

interface Props {
  readonly era: string;
  readonly frame: Frame;
  readonly prev: Frame | undefined;
  /** Map ids ("pte:pid:vpn", "frame:pfn") whose state differs from the other era at this step. */
  readonly diffIds: ReadonlySet<string>;
}

/**
 * One era's memory map in the compare view: the same pure layout and D3 renderer as the main map,
 * drawn without transitions (two maps animating side by side would be hard to follow), with the
 * differences from the other era outlined.
 */
export function CompareMap({ era, frame, prev, diffIds }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const size = useElementSize(scroller);
  const scene = useMemo(
    () =>
      layoutMap(
        frame,
        diffFrames(prev, frame),
        { width: Math.max(size.width, 320) },
        0,
        prev ? { prev } : {},
      ),
    [frame, prev, size.width],
  );
  useLayoutEffect(() => {
    const el = svg.current;
    if (!el) return;
    renderScene(el, scene, { duration: 0, movers: false, onActivate: NOOP, onHover: NOOP });
    paintDiffs(el, diffIds);
  }, [scene, diffIds]);
  return (
    <div className="compare-map-scroll" ref={scroller}>
      <svg
        ref={svg}
        className="map-svg"
        role="group"
        aria-label={`Memory map in ${era}`}
        data-testid={`compare-map-${era}`}
      />
    </div>
  );
}
