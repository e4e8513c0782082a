import './counters.css';
import type { Counters } from '../../model';
import { useApp } from '../../store/context';
import { selectFrame, selectPrevFrame } from '../../store/selectors';
import { Term } from '../shared/Term';
import { Panel } from '../shared/Panel';

const ROWS: readonly [keyof Counters, string][] = [
  ['page_free', 'page_free calls'],
  ['device_faults', 'device faults'],
  ['migrated_to_device', 'migrated to device'],
  ['migrated_to_system', 'migrated to system'],
  ['cpu_faults', 'CPU faults'],
  ['signals', 'signals'],
];

/** The model's counters, with this step's change beside each. */
export function CountersView() {
  const now = useApp(selectFrame)?.state.counters;
  const before = useApp(selectPrevFrame)?.state.counters;
  return (
    <Panel title="Counters" name="counters">
      <table className="counters">
        <tbody>
          {ROWS.map(([k, label]) => {
            const v = now?.[k] ?? 0;
            const d = before ? v - before[k] : 0;
            return (
              <tr key={k} className={d !== 0 ? 'changed' : undefined} data-counter={k}>
                <th scope="row">
                  {k === 'page_free' ? (
                    <>
                      <Term id="page-free">page_free</Term> calls
                    </>
                  ) : (
                    label
                  )}
                </th>
                <td>{v}</td>
                <td className="delta">{d !== 0 ? `${d > 0 ? '+' : ''}${d}` : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Panel>
  );
}
