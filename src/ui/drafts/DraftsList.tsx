import { useEffect, useId, useState } from 'react';
import type { AppStore } from '../../store/createAppStore';
import { savedAtLabel } from '../editor/draft';
import { restoreVersion } from './actions';
import { tabSlot } from './hint';
import { draftRepo, onOtherTabSave } from './repo';
import type { DraftSummary, VersionSummary } from './versions';

interface Props {
  readonly store: AppStore;
  /** Changes after each save of this tab: the list reads the store again. */
  readonly savedAt: number;
}

function describe(v: VersionSummary): string {
  const steps = v.steps === null ? 'steps unknown' : `${v.steps} step${v.steps === 1 ? '' : 's'}`;
  const state = v.ok ? 'valid' : v.opens ? 'not valid (opens its last valid text)' : 'not valid';
  return `${steps} · saved ${savedAtLabel(v.savedAt)} · ${state}`;
}

/**
 * The drafts in this browser, to restore from: this tab's versions first, then other tabs'
 * (title, step count, saved time, valid or not). Restoring keeps the text it replaces.
 */
export function DraftsList({ store, savedAt }: Props) {
  const [list, setList] = useState<readonly DraftSummary[] | null>(null);
  const [tick, setTick] = useState(0);
  const id = useId();
  useEffect(
    () =>
      onOtherTabSave(() => {
        setTick((t) => t + 1);
      }),
    [],
  );
  useEffect(() => {
    let live = true;
    void draftRepo()
      .then((r) => r.list())
      .then((l) => {
        if (live) setList(l);
      });
    return () => {
      live = false;
    };
  }, [savedAt, tick]);
  const mine = tabSlot();
  const sorted = list
    ? [...list].sort((a, b) => Number(b.id === mine) - Number(a.id === mine))
    : [];
  const count = sorted.reduce((n, d) => n + d.versions.length, 0);
  return (
    <details className="editor-drafts" data-testid="drafts">
      <summary id={id}>Drafts ({count})</summary>
      {list !== null && count === 0 && <p className="small muted">No drafts saved yet.</p>}
      {sorted.map((d) => (
        <section
          key={d.id}
          aria-label={d.id === mine ? 'This tab’s drafts' : 'Another tab’s drafts'}
        >
          <h3 className="small">{d.id === mine ? 'This tab' : 'Another tab'}</h3>
          <ul className="drafts-list">
            {d.versions.map((v, i) => (
              <li key={`${String(v.savedAt)}-${String(i)}`} data-testid="draft-version">
                <span className="draft-title">“{v.title}”</span>{' '}
                <span className="small muted">{describe(v)}</span>{' '}
                {v.opens && (
                  <button
                    type="button"
                    className="small-btn"
                    aria-label={`Restore “${v.title}” saved ${savedAtLabel(v.savedAt)}`}
                    onClick={() => {
                      void draftRepo()
                        .then((r) => r.load(d.id))
                        .then((rec) => {
                          const full = rec?.versions[i];
                          if (full) return restoreVersion(store, full, d.id);
                        })
                        .then(() => {
                          setTick((t) => t + 1);
                        });
                    }}
                  >
                    Restore
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </details>
  );
}
