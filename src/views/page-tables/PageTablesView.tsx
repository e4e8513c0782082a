import './page-tables.css';
import { useMemo } from 'react';
import { useApp } from '../../store/context';
import { selectFrame, selectSelection } from '../../store/selectors';
import { processList, pteKey } from '../../model';
import { Panel } from '../shared/Panel';
import { useLinked } from '../shared/useLinked';
import { useTouchedPtes } from '../shared/useTouched';
import { ProcessCard } from './ProcessCard';
import { PteLegend } from './PteLegend';
import { windowSize } from './vmaWindow';

/** Per-process page tables: VMAs with their flags and every PTE in a window of each. */
export function PageTablesView() {
  const frame = useApp(selectFrame);
  const sel = useApp(selectSelection);
  const touched = useTouchedPtes();
  const linked = useLinked();
  const state = frame?.state;
  const procs = useMemo(() => (state ? processList(state) : []), [state]);
  const vmaCount = procs.reduce((n, p) => n + p.vmas.length, 0);
  const size = windowSize(vmaCount);
  const selectedKey = sel?.kind === 'pte' ? pteKey(sel.pid, sel.vpn) : null;

  return (
    <Panel title="Page tables" name="page-tables">
      {procs.length === 0 ? (
        <p className="muted">No processes yet.</p>
      ) : (
        procs.map((proc) => {
          const focus =
            sel?.kind === 'pte' && sel.pid === proc.pid
              ? sel.vpn
              : (frame?.touched.ptes.find((t) => t.pid === proc.pid)?.vpn ?? null);
          return (
            <ProcessCard
              key={proc.pid}
              proc={proc}
              size={size}
              touched={touched}
              linked={linked.ptes}
              selectedKey={selectedKey}
              focusVpn={focus}
            />
          );
        })
      )}
      <PteLegend />
    </Panel>
  );
}
