// The codec comes with this chunk, so custom links are ready as soon as the panel shows.
import './codec';
import { predictLink } from '../predict/predictMode';
import { useState, useSyncExternalStore } from 'react';
import { useApp, useAppApi } from '../../store/context';
import {
  selectCompare,
  selectCursor,
  selectFrame,
  selectLength,
  selectSelection,
} from '../../store/selectors';
import { LECTURE_LINK_CHARS } from '../../url';
import { thousands as fmt } from '../../model';
import { embedSnippet } from '../embed/snippet';
import { notify } from '../notices/notices';
import { copyText } from './clipboard';
import { DigestLine } from './DigestLine';
import { absoluteLink, fragmentFor } from './linkSource';
import { payloadVersion, subscribePayloads } from './linkPayload';

const FORMS = {
  builtin: 'built-in scenario, by name',
  compact: 'whole scenario, compressed',
  document: 'whole scenario, compressed',
};

/** The link as text, the embed snippet with its start step, and the frame's digest. */
export default function SharePanel() {
  const api = useAppApi();
  const scenario = useApp((s) => s.scenario);
  const cursor = useApp(selectCursor);
  const length = useApp(selectLength);
  const selection = useApp(selectSelection);
  const compare = useApp(selectCompare);
  const frame = useApp(selectFrame);
  const [start, setStart] = useState(cursor);
  const [width, setWidth] = useState(960);
  const [height, setHeight] = useState(600);
  const last = Math.max(0, length - 1);

  // A long document's link is made in a worker: render again when it arrives.
  useSyncExternalStore(subscribePayloads, payloadVersion);
  const link = fragmentFor({ scenario, cursor, selection, compare });
  const url = link.ok ? absoluteLink(link.fragment, location) : null;
  const startStep = Math.min(Math.max(0, Math.round(start)), last);
  const embed = fragmentFor({ scenario, cursor: startStep, selection: null }, { embed: true });
  const snippet = embed.ok
    ? embedSnippet({
        src: absoluteLink(embed.fragment, location),
        title: `HMM Explorer: ${scenario.title}`,
        width,
        height,
      })
    : null;

  const copy = async (text: string, what: string) => {
    const ok = await copyText(text);
    notify(
      ok ? 'info' : 'warning',
      'copy',
      ok
        ? `${what} copied.`
        : `Copying was not allowed: select the ${what.toLowerCase()} and copy it.`,
    );
  };

  return (
    <div className="share-panel">
      <h3>Link to this step</h3>
      {url !== null && link.ok ? (
        <>
          <input
            type="text"
            readOnly
            value={url}
            aria-label="Link to this step"
            data-testid="share-link"
            onFocus={(e) => {
              e.currentTarget.select();
            }}
          />
          <p className="small muted" data-testid="share-link-info">
            {fmt(url.length)} characters · {FORMS[link.form]}
          </p>
          {link.long && (
            <p className="small" role="note">
              Longer than {fmt(LECTURE_LINK_CHARS)} characters: Teams and older Office may cut it.
              Export the scenario as a file to share it safely.
            </p>
          )}
          <div className="row">
            <button type="button" onClick={() => void copy(url, 'Link')}>
              Copy link
            </button>
            <button
              type="button"
              data-testid="copy-predict-link"
              title="Students who open it answer a question before each step"
              onClick={() =>
                void copy(
                  predictLink(location.origin, location.pathname, link.fragment),
                  'Predict-mode link',
                )
              }
            >
              Copy predict-mode link
            </button>
          </div>
        </>
      ) : (
        <p role="note">{link.ok ? '' : `No link for this scenario: ${link.error}.`}</p>
      )}

      <h3>Embed in slides or a course page</h3>
      <div className="row">
        <label>
          Start at step{' '}
          <input
            type="number"
            min={0}
            max={last}
            value={start}
            data-testid="embed-start"
            onChange={(e) => {
              setStart(e.currentTarget.valueAsNumber);
            }}
          />
        </label>
        <label>
          Width{' '}
          <input
            type="number"
            min={200}
            max={4096}
            step={10}
            value={width}
            onChange={(e) => {
              setWidth(e.currentTarget.valueAsNumber);
            }}
          />
        </label>
        <label>
          Height{' '}
          <input
            type="number"
            min={200}
            max={4096}
            step={10}
            value={height}
            onChange={(e) => {
              setHeight(e.currentTarget.valueAsNumber);
            }}
          />
        </label>
      </div>
      {snippet !== null ? (
        <>
          <textarea
            readOnly
            value={snippet}
            aria-label="Embed snippet"
            data-testid="embed-snippet"
            rows={4}
            onFocus={(e) => {
              e.currentTarget.select();
            }}
          />
          <div className="row">
            <button
              type="button"
              data-testid="copy-embed"
              onClick={() => void copy(snippet, 'Embed snippet')}
            >
              Copy embed snippet
            </button>
          </div>
        </>
      ) : (
        <p role="note">
          An embed snippet needs the app on an https: address
          {embed.ok ? '' : ` and a link (${embed.error})`}.
        </p>
      )}

      <h3>Check it is the same state</h3>
      <DigestLine frame={frame ?? null} cursor={cursor} last={last} />
      <p className="small muted">Someone who opens the link sees the same digest at this step.</p>
      {api.getState().error !== null && (
        <p role="note">This scenario does not run; the link still opens it.</p>
      )}
    </div>
  );
}
