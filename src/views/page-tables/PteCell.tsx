import { memo } from 'react';
import { asPid, asVpn, hexVpn, type Pte } from '../../model';
import { useAppApi } from '../../store/context';
import { describePte, pteGlyph, pteWrite } from '../shared/pteGlyph';

interface Props {
  readonly pid: number;
  readonly vpn: number;
  readonly pte: Pte | undefined;
  readonly changed: boolean;
  readonly linked: boolean;
  readonly selected: boolean;
}

/** One PTE: its kind by letter, shape and colour, a corner mark for the write bit. */
export const PteCell = memo(function PteCell({ pid, vpn, pte, changed, linked, selected }: Props) {
  const api = useAppApi();
  const g = pteGlyph(pte);
  const w = pteWrite(pte);
  const cls = [
    'pte',
    g.cls,
    `s-${g.shape}`,
    w ? 'w' : '',
    changed ? 'changed' : '',
    linked ? 'linked' : '',
    selected ? 'selected' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const label = `${hexVpn(asVpn(vpn))}: ${describePte(pte)}${changed ? ', changed this step' : ''}`;
  return (
    <button
      type="button"
      className={cls}
      aria-label={label}
      aria-pressed={selected}
      title={label}
      data-pid={pid}
      data-vpn={vpn}
      onClick={() => {
        api.getState().select(selected ? null : { kind: 'pte', pid: asPid(pid), vpn: asVpn(vpn) });
      }}
    >
      <span className="glyph" aria-hidden="true">
        {g.letter}
      </span>
    </button>
  );
});
