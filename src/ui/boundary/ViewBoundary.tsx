/**
 * One view's error boundary: a view that throws shows what happened in its own panel, with ways
 * back (clear the selection, go to step 0, reload the built-in, try again), while the other views
 * keep working. Before the fallback shows, the editor's draft is saved and the address bar is
 * repaired (see repair.ts), so neither a reload nor the next edit loses anything.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { DEFAULT_SCENARIO_ID, getBuiltin } from '../../scenarios/library';
import type { AppStore } from '../../store/createAppStore';
import { StoreContext } from '../../store/context';
import { flushDraft } from '../editor/flushDraft';
import { repairAddressBar } from './repair';

interface Props {
  /** Grid area and test hook, as the view's Panel: the fallback takes its place. */
  readonly name: string;
  readonly title: string;
  readonly children: ReactNode;
}

interface State {
  readonly error: Error | null;
  readonly draftSaved: boolean;
}

export class ViewBoundary extends Component<Props, State> {
  static override contextType = StoreContext;
  declare context: AppStore | null;
  override state: State = { error: null, draftSaved: false };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(_error: unknown, _info: ErrorInfo): void {
    // Storage refused: the fallback does not claim it was saved.
    void flushDraft().then((draftSaved) => {
      if (draftSaved && this.state.error !== null) this.setState({ draftSaved });
    });
    const store = this.context;
    if (store) repairAddressBar(store.getState());
  }

  private retry = (action?: (store: AppStore) => void) => () => {
    const store = this.context;
    if (store && action) action(store);
    this.setState({ error: null, draftSaved: false });
  };

  override render(): ReactNode {
    const { error, draftSaved } = this.state;
    if (error === null) return this.props.children;
    const { name, title } = this.props;
    const store = this.context;
    const id = store?.getState().scenario.id ?? null;
    const builtin = getBuiltin(id ?? DEFAULT_SCENARIO_ID) ?? getBuiltin(DEFAULT_SCENARIO_ID);
    const message = error.message.replace(/\s+/g, ' ').slice(0, 200);
    return (
      <section
        className={`panel panel-${name} panel-failed`}
        aria-label={`${title} (failed)`}
        data-testid={`view-${name}`}
      >
        <header className="panel-head">
          <h2>{title}</h2>
        </header>
        <div className="panel-body" role="alert" data-testid="view-failed">
          <p>
            This view failed to draw ({error.name}: {message}). The other views keep working.
            {draftSaved ? ' Your draft is saved.' : ''}
          </p>
          <div className="failed-actions">
            <button
              type="button"
              onClick={this.retry((s) => {
                s.getState().select(null);
              })}
            >
              Clear the selection
            </button>
            <button
              type="button"
              onClick={this.retry((s) => {
                s.getState().seek(0, null);
              })}
            >
              Go to step 0
            </button>
            {builtin && (
              <button
                type="button"
                onClick={this.retry((s) => {
                  s.getState().open({
                    meta: { id: builtin.id, title: builtin.title, summary: builtin.summary },
                    doc: builtin,
                    step: 0,
                    selection: null,
                  });
                })}
              >
                Reload “{builtin.title}”
              </button>
            )}
            <button type="button" onClick={this.retry()}>
              Try again
            </button>
          </div>
        </div>
      </section>
    );
  }
}
