import { memo } from 'react';
import { asPfn, type Page } from '../../model';
import { useAppApi } from '../../store/context';
import { hex } from '../shared/format';

function pageState(p: Page): string {
  if (p.locked) return 'locked';
  if (p.mapcount > 0) return 'mapped';
  return p.allocated ? 'allocated' : 'in use';
}

interface Props {
  readonly pfn: number;
  readonly page: Page;
  readonly changed: boolean;
  readonly selected: boolean;
}

/** One device page: re-rendered only when its struct page or its highlight changes. */
export const DevicePageRow = memo(function DevicePageRow({ pfn, page, changed, selected }: Props) {
  const api = useAppApi();
  const cls = [changed ? 'changed' : '', selected ? 'selected' : ''].filter(Boolean).join(' ');
  return (
    <tr className={cls || undefined} data-pfn={pfn}>
      <td>
        <button
          type="button"
          className="link"
          aria-pressed={selected}
          onClick={() => {
            api.getState().select(selected ? null : { kind: 'page', pfn: asPfn(pfn) });
          }}
        >
          {hex(pfn)}
        </button>
      </td>
      <td>{page.refcount}</td>
      <td>{page.mapcount}</td>
      <td>{page.value}</td>
      <td>
        {pageState(page)}
        {changed && <span className="sr-only"> (changed this step)</span>}
      </td>
    </tr>
  );
});
