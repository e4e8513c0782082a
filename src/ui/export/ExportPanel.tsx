import { useState } from 'react';
import { useApp } from '../../store/context';
import { selectCursor } from '../../store/selectors';
import { scenarioText, fileName } from '../editor/docFormat';
import { downloadText } from '../editor/fileIO';
import { setModes } from '../modes';
import { notify } from '../notices/notices';
import { exportGridPng, exportImage, type ImageFormat } from './exportImage';
import { ALL_VIEWS, currentViewName, viewTargets } from './views';

/** Images of the current view or of all views, the scenario file, and the printable handout. */
export default function ExportPanel() {
  const title = useApp((s) => s.scenario.title);
  const doc = useApp((s) => s.scenario.doc);
  const cursor = useApp(selectCursor);
  const views = viewTargets();
  const [view, setView] = useState(() => {
    const c = currentViewName();
    if (c !== null && views.some((v) => v.name === c)) return c;
    return views.some((v) => v.name === 'map') ? 'map' : ALL_VIEWS;
  });
  const [busy, setBusy] = useState(false);

  const run = (f: () => Promise<string>) => {
    setBusy(true);
    f()
      .then((name) => notify('info', 'export', `Saved ${name}.`))
      .catch((e: unknown) =>
        notify(
          'error',
          'export',
          `The image could not be made: ${e instanceof Error ? e.message : 'error'}.`,
        ),
      )
      .finally(() => {
        setBusy(false);
      });
  };
  const image = (format: ImageFormat) => () => {
    run(() => exportImage(view, format, title, cursor));
  };

  return (
    <div className="export-panel">
      <h3>Image of this step</h3>
      <div className="row">
        <label>
          View{' '}
          <select
            value={view}
            data-testid="export-view"
            onChange={(e) => {
              setView(e.currentTarget.value);
            }}
          >
            <option value={ALL_VIEWS}>All views</option>
            {views.map((v) => (
              <option key={v.name} value={v.name}>
                {v.title}
                {v.name === currentViewName() ? ' (current)' : ''}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          aria-disabled={busy}
          data-testid="export-svg"
          onClick={busy ? undefined : image('svg')}
        >
          SVG
        </button>
        <button
          type="button"
          aria-disabled={busy}
          data-testid="export-png"
          onClick={busy ? undefined : image('png')}
        >
          PNG
        </button>
      </div>
      {views.some((v) => v.name === 'physical') && (
        <div className="row">
          <button
            type="button"
            aria-disabled={busy}
            onClick={
              busy
                ? undefined
                : () => {
                    run(() => exportGridPng(title, cursor));
                  }
            }
          >
            Frame grid as PNG
          </button>
        </div>
      )}
      <h3>Handout</h3>
      <p className="small">
        Every step&apos;s narration with a picture of a view, on a page made for printing (or saving
        as PDF).
      </p>
      <div className="row">
        <button
          type="button"
          data-testid="open-handout"
          onClick={() => {
            setModes({ handoutOpen: true, popover: null });
          }}
        >
          Make a handout…
        </button>
      </div>
      <h3>Scenario file</h3>
      <div className="row">
        <button
          type="button"
          onClick={() => {
            downloadText(scenarioText(doc), fileName(doc.title ?? title));
          }}
        >
          Scenario as .json
        </button>
      </div>
    </div>
  );
}
