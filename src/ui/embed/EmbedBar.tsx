import './embed.css';
import { useSyncExternalStore } from 'react';
import { useApp } from '../../store/context';
import { selectCursor, selectSelection } from '../../store/selectors';
import { absoluteLink, fragmentFor } from '../share/linkSource';
import { payloadVersion, subscribePayloads } from '../share/linkPayload';

/** Embed mode's only chrome: the scenario's title and a way out to the full app. */
export function EmbedBar() {
  const scenario = useApp((s) => s.scenario);
  const cursor = useApp(selectCursor);
  const selection = useApp(selectSelection);
  // A long document's link is made in a worker: render again when it arrives.
  useSyncExternalStore(subscribePayloads, payloadVersion);
  const r = fragmentFor({ scenario, cursor, selection });
  const href = r.ok ? absoluteLink(r.fragment, location) : `${location.origin}${location.pathname}`;
  return (
    <div className="embed-bar" data-testid="embed-bar">
      <p className="embed-title">{scenario.title}</p>
      <a href={href} target="_blank" rel="noopener noreferrer">
        Open in HMM Explorer<span className="sr-only"> (new tab)</span> ↗
      </a>
    </div>
  );
}
