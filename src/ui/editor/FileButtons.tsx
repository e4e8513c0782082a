import { useRef } from 'react';
import { notify } from '../notices/notices';
import { fileName } from './docFormat';
import { downloadText, readScenarioFile } from './fileIO';

interface Props {
  readonly text: string;
  readonly valid: boolean;
  readonly title: string | undefined;
  /** The imported scenario, as the editor prints it (printed where the file was read). */
  readonly onImport: (text: string) => void;
}

/** Import a .json scenario (through ingestFile) and export the editor's text as .json. */
export function FileButtons({ text, valid, title, onImport }: Props) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        className="sr-only"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="import-file"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (!file) return;
          void readScenarioFile(file).then((r) => {
            if (!r.ok) {
              notify('error', 'file', `“${file.name.slice(0, 80)}” was not imported. ${r.error}`);
              return;
            }
            onImport(r.text);
            notify(
              'info',
              'file',
              `Imported “${r.title ?? file.name.slice(0, 80)}” (${r.steps} steps).`,
            );
          });
        }}
      />
      <button type="button" onClick={() => input.current?.click()}>
        Import…
      </button>
      <button
        type="button"
        data-testid="export-json"
        onClick={() => {
          downloadText(text, fileName(title));
          if (!valid)
            notify(
              'warning',
              'file',
              'Exported, but the scenario still has an error: the file will not open until it is fixed.',
            );
        }}
      >
        Export .json
      </button>
    </>
  );
}
