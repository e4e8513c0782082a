import { exhaustive } from '../../model';
import type { MarkerKind } from '../../store/types';

/** One marker glyph centred on (x, y): a shape per kind, so kinds read without colour. */
export function MarkerShape({
  kind,
  x,
  y,
  r = 3,
}: {
  kind: MarkerKind;
  x: number;
  y: number;
  r?: number;
}) {
  const cls = `mk mk-${kind}`;
  switch (kind) {
    case 'fault':
      return <path className={cls} d={`M${x} ${y - r}L${x + r} ${y + r}L${x - r} ${y + r}Z`} />;
    case 'migration':
      return (
        <path className={cls} d={`M${x} ${y - r}L${x + r} ${y}L${x} ${y + r}L${x - r} ${y}Z`} />
      );
    case 'page_free':
      return <circle className={cls} cx={x} cy={y} r={r} />;
    case 'signal':
      return <rect className={cls} x={x - r} y={y - r} width={2 * r} height={2 * r} />;
    case 'violation':
      return (
        <path
          className={`${cls} mk-stroke`}
          d={`M${x - r} ${y - r}L${x + r} ${y + r}M${x + r} ${y - r}L${x - r} ${y + r}`}
        />
      );
    default:
      return exhaustive(kind);
  }
}
