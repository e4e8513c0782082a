import { useApp } from '../store/context';
import { selectScenarioId, selectScenarioSummary, selectScenarioTitle } from '../store/selectors';
import type { Library } from './library';

/**
 * Pick a built-in scenario from the course, group by group; under the picker, what the learner
 * will see (the summary is the tooltip). A custom scenario shows its own title and summary.
 */
export function ScenarioPicker({ library }: { library: Library }) {
  const id = useApp(selectScenarioId);
  const title = useApp(selectScenarioTitle);
  const summary = useApp(selectScenarioSummary);
  const current = library.entries.find((e) => e.id === id);
  const customTitle = title.trim() || 'Custom scenario';
  return (
    <div className="picker">
      <label>
        Scenario{' '}
        <select
          value={id ?? ''}
          title={summary}
          onChange={(e) => {
            void library.load(e.currentTarget.value);
          }}
          data-testid="scenario-picker"
        >
          {id === null && <option value="">{`Custom: ${customTitle}`}</option>}
          {library.sections.map((s, n) => (
            <optgroup key={s.id} label={`${n + 1}. ${s.title}`}>
              {s.entries.map((e) => (
                <option key={e.id} value={e.id} title={e.see}>
                  {e.title}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      {current ? (
        <p className="summary" title={summary} data-testid="scenario-see">
          You will see: {current.see}
        </p>
      ) : (
        summary && (
          <p className="summary" title={summary} data-testid="scenario-see">
            {summary}
          </p>
        )
      )}
    </div>
  );
}
