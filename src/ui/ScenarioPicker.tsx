import { useApp } from '../store/context';
import { selectScenarioId } from '../store/selectors';
import type { Library } from './library';

/** Pick a built-in scenario; its summary shows under the picker. */
export function ScenarioPicker({ library }: { library: Library }) {
  const id = useApp(selectScenarioId);
  const current = library.entries.find((e) => e.id === id);
  return (
    <div className="picker">
      <label>
        Scenario{' '}
        <select
          value={id ?? ''}
          title={current?.summary}
          onChange={(e) => {
            library.load(e.currentTarget.value);
          }}
          data-testid="scenario-picker"
        >
          {id === null && <option value="">Custom scenario</option>}
          {library.entries.map((e) => (
            <option key={e.id} value={e.id}>
              {e.title}
            </option>
          ))}
        </select>
      </label>
      {current && (
        <p className="summary" title={current.summary}>
          {current.summary}
        </p>
      )}
    </div>
  );
}
