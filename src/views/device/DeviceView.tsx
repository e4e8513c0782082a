import './device.css';
import { asPid } from '../../model';
import { useApp, useAppApi } from '../../store/context';
import { selectKernel, selectSelection } from '../../store/selectors';
import { hex } from '../shared/format';
import { Term } from '../shared/Term';
import { Panel } from '../shared/Panel';
import { useLinked } from '../shared/useLinked';
import { useTouchedPfns } from '../shared/useTouched';
import { DEVICE_ROWS, DevicePages } from './DevicePages';
import { FreeList } from './FreeList';
import { MIRROR_ROWS, MirrorTable } from './MirrorTable';
import { dmirrorData, own, tableCount } from '../../model';

/**
 * A generous guess at a device card's height (px), its placeholder while it is off screen
 * (device.css: content-visibility: auto). A guess below the real height let an unrendered card's
 * rows overlap the next card's heading wherever it is measured unrendered (axe's target-size on the
 * pfn buttons at 262,144 + 262,144 pages); once drawn, the card's real height is remembered.
 */
function cardHeight(inUse: number, mirrors: readonly number[]): number {
  const rows = Math.min(inUse, DEVICE_ROWS);
  const table = rows > 0 ? 64 + rows * 30 : 24;
  return 150 + table + mirrors.reduce((h, n) => h + 40 + Math.min(n, MIRROR_ROWS) * 30, 0);
}

/** Device memory per device: pages in use, the driver's free list, the mirror page tables. */
export function DeviceView() {
  const api = useAppApi();
  const state = useApp(selectKernel);
  const sel = useApp(selectSelection);
  const linked = useLinked();
  const touched = useTouchedPfns();
  const devices = state
    ? state.deviceOrder.map((id) => own(state.devices, id)).filter((d) => d !== undefined)
    : [];
  return (
    <Panel title="Device memory" name="device">
      {devices.length === 0 && <p className="muted">No device yet.</p>}
      {devices.map((d) => {
        const total = d.chunks.reduce((n, c) => n + (c.pfnLast - c.pfnFirst), 0);
        const selected = sel?.kind === 'device' && sel.device === d.id;
        const lit = linked.device === d.id;
        // The free list, counters and device page tables are the driver's data, not the kernel's.
        const dd = state ? dmirrorData(state, d.id) : undefined;
        const freePages = dd?.freePages ?? 0;
        return (
          <article
            key={d.id}
            className={`device${lit ? ' linked' : ''}`}
            data-testid={`device-${d.id}`}
            style={{
              containIntrinsicSize: `auto ${cardHeight(
                total - freePages,
                Object.values(dd?.mirrors ?? {}).map((m) =>
                  tableCount(m, 0, Number.MAX_SAFE_INTEGER),
                ),
              )}px`,
            }}
          >
            <h3>
              <button
                type="button"
                className="link"
                aria-pressed={selected}
                onClick={() => {
                  api.getState().select(selected ? null : { kind: 'device', device: d.id });
                }}
              >
                {d.id}
              </button>{' '}
              <span className="muted">
                {d.type} · hmm_device{d.minor}
              </span>
              {d.removed && <span className="badge">removed</span>}
              {dd && dd.inject !== 'none' && (
                <span className="badge signal">inject {dd.inject}</span>
              )}
            </h3>
            <p className="small">
              {total - freePages} of {total} pages in use · <Term id="calloc">calloc</Term>{' '}
              {dd?.calloc ?? 0} · <Term id="cfree">cfree</Term> {dd?.cfree ?? 0} ·{' '}
              {d.chunks
                .map((c) => `${hex(c.pfnFirst)}–${hex(c.pfnLast)}${c.live ? '' : ' (gone)'}`)
                .join(', ')}
            </p>
            {dd && <FreeList device={dd} selectedPfn={linked.pfn} />}
            {state && (
              <DevicePages
                device={d}
                pages={state.pages}
                touched={touched}
                selectedPfn={linked.pfn}
              />
            )}
            {Object.entries(dd?.mirrors ?? {}).map(([pid, m]) => (
              <MirrorTable
                key={pid}
                pid={asPid(Number(pid))}
                mirror={m}
                linkedPtes={linked.ptes}
                linkedPfn={linked.pfn}
              />
            ))}
          </article>
        );
      })}
    </Panel>
  );
}
