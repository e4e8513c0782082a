import { useMemo } from 'react';
import { hexVpn, isIdle, lookupPage, type KernelState, type Pfn } from '../../model';
import { useAppApi } from '../../store/context';
import { Term } from '../shared/Term';
import { changedFields, pageFields } from './pageFields';

interface Props {
  readonly pfn: Pfn;
  readonly state: KernelState;
  readonly prev: KernelState | undefined;
}

/** struct page of one frame, with what this step changed in it and who maps it. */
export function PageDetails({ pfn, state, prev }: Props) {
  const api = useAppApi();
  const page = lookupPage(state, pfn);
  const before = prev ? lookupPage(prev, pfn) : undefined;
  const fields = useMemo(() => (page ? pageFields(page, isIdle(page)) : []), [page]);
  const changed = useMemo(
    () => changedFields(fields, before ? pageFields(before, isIdle(before)) : null),
    [fields, before],
  );
  if (!page)
    return <p>pfn 0x{pfn.toString(16)} has no struct page (a hole in the address space).</p>;
  return (
    <div className="page-details" data-testid="page-details" data-pfn={pfn}>
      <h3>struct page</h3>
      <dl className="fields">
        {fields.map((f) => (
          <div
            key={f.key}
            className={changed.has(f.key) ? 'changed' : undefined}
            data-field={f.key}
          >
            <dt>
              <Term id={f.label}>{f.label}</Term>
            </dt>
            <dd>
              {f.value}
              {changed.has(f.key) && <span className="sr-only"> (changed this step)</span>}
            </dd>
          </div>
        ))}
      </dl>
      <h4>rmap: who maps it</h4>
      {page.rmap.length === 0 ? (
        <p className="muted small">No PTE points at this page.</p>
      ) : (
        <ul className="rmap">
          {page.rmap.map((r) => (
            <li key={`${r.pid}:${r.vpn}`}>
              <button
                type="button"
                className="link"
                onClick={() => {
                  api.getState().select({ kind: 'pte', pid: r.pid, vpn: r.vpn });
                }}
              >
                pid {r.pid} @ {hexVpn(r.vpn)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
