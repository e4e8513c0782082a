import type { Process, PteKey } from '../../model';
import { Term } from '../shared/Term';
import type { TouchedPtes } from '../shared/useTouched';
import { VmaBlock } from './VmaBlock';

interface Props {
  readonly proc: Process;
  readonly size: number;
  readonly touched: TouchedPtes;
  readonly linked: ReadonlySet<PteKey>;
  readonly selectedKey: PteKey | null;
  readonly focusVpn: number | null;
}

/** One process: its state, RSS, signals and VMAs. */
export function ProcessCard({ proc, size, ...rest }: Props) {
  return (
    <article
      className={`process${proc.alive ? '' : ' exited'}`}
      data-testid={`process-${proc.pid}`}
    >
      <h3>
        pid {proc.pid}
        {proc.parent !== null && <span className="muted"> (child of {proc.parent})</span>}
        {!proc.alive && <span className="badge">exited</span>}
        {proc.signals.map((s, i) => (
          <span key={`${s}-${i}`} className="badge signal">
            {s}
          </span>
        ))}
      </h3>
      <p className="muted small">
        <Term id="rss">rss</Term> anon {proc.rss.anon} · file {proc.rss.file} · shmem{' '}
        {proc.rss.shmem}
      </p>
      {proc.vmas.length === 0 ? (
        <p className="muted small">No VMAs.</p>
      ) : (
        <ul className="vmas">
          {proc.vmas.map((vma) => (
            <VmaBlock key={`${vma.start}`} proc={proc} vma={vma} size={size} {...rest} />
          ))}
        </ul>
      )}
    </article>
  );
}
