import { memo } from 'react';
import { asPfn, freeListTop, type DmirrorDevice } from '../../model';
import { useAppApi } from '../../store/context';
import { hex } from '../shared/format';

const SHOWN = 8;

/** The driver's free list: recycled pages (a stack, top first), then never-used pages. */
export const FreeList = memo(function FreeList({
  device,
  selectedPfn,
}: {
  /** The driver's own data for this device (its free list lives with the driver). */
  device: Pick<DmirrorDevice, 'freeList' | 'freePages'>;
  selectedPfn: number | null;
}) {
  const api = useAppApi();
  const { recycled, fresh } = device.freeList;
  const top = freeListTop(recycled, SHOWN);
  const freshCount = device.freePages - recycled.length;
  return (
    <div className="free-list">
      <span className="muted">free list:</span>{' '}
      {recycled.length === 0 && fresh === null && <span>empty</span>}
      {top.map((pfn) => (
        <button
          key={pfn}
          type="button"
          className={`chip${pfn === selectedPfn ? ' selected' : ''}`}
          aria-pressed={pfn === selectedPfn}
          onClick={() => {
            api.getState().select({ kind: 'page', pfn: asPfn(pfn) });
          }}
        >
          {hex(pfn)}
        </button>
      ))}
      {recycled.length > SHOWN && (
        <span className="muted"> +{recycled.length - SHOWN} recycled</span>
      )}
      {fresh !== null && freshCount > 0 && (
        <span>
          {recycled.length > 0 ? ' then ' : ''}
          {freshCount} never used from <code>{hex(fresh)}</code>
        </span>
      )}
    </div>
  );
});
