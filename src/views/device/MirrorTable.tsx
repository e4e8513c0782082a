import { memo } from 'react';
import {
  asPfn,
  asPid,
  asVpn,
  hexVpn,
  pteKey,
  type MirrorTable as Mirror,
  type Pid,
  type PteKey,
  tableCount,
  tableSlice,
} from '../../model';
import { useAppApi } from '../../store/context';
import { hex } from '../shared/format';

export const MIRROR_ROWS = 8;

/**
 * The device's page table for one process (dmirror's xarray): vpn → pfn, read or write. Re-rendered
 * when the mirror or what the selection links to changes, not on every step.
 */
export const MirrorTable = memo(function MirrorTable({
  pid,
  mirror,
  linkedPtes,
  linkedPfn,
}: {
  pid: Pid;
  mirror: Mirror;
  linkedPtes: ReadonlySet<PteKey>;
  linkedPfn: number | null;
}) {
  const api = useAppApi();
  const total = tableCount(mirror, 0, Number.MAX_SAFE_INTEGER);
  const rows = tableSlice(mirror, 0, Number.MAX_SAFE_INTEGER, 0, MIRROR_ROWS);
  return (
    <div className="mirror">
      <h4>
        mirror of pid {pid} <span className="muted">({total} entries)</span>
      </h4>
      {total === 0 ? (
        <p className="muted small">empty</p>
      ) : (
        <ul className="mirror-rows">
          {rows.map(([vpn, e]) => {
            const lit = linkedPtes.has(pteKey(pid, asVpn(vpn))) || linkedPfn === e.pfn;
            return (
              <li key={vpn} className={lit ? 'linked' : undefined}>
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    api.getState().select({ kind: 'pte', pid: asPid(pid), vpn: asVpn(vpn) });
                  }}
                >
                  {hexVpn(asVpn(vpn))}
                </button>{' '}
                → <code>{hex(asPfn(e.pfn))}</code>{' '}
                <span className={`perm perm-${e.perm}`}>{e.perm}</span>
              </li>
            );
          })}
          {total > MIRROR_ROWS && <li className="muted">… {total - MIRROR_ROWS} more</li>}
        </ul>
      )}
    </div>
  );
});
