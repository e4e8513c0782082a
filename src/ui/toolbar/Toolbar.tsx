import './toolbar.css';
import { lazy, Suspense } from 'react';
import { useAppApi } from '../../store/context';
import { modes, setModes, useModes, type Popover } from '../modes';
import { copyLink } from '../share/copyLink';
import { enterPresenter } from '../present/enter';
import { setPredicting, usePredict } from '../predict/predictMode';
import { PopoverButton } from './PopoverButton';

const SharePanel = lazy(() => import('../share/SharePanel'));
const ExportPanel = lazy(() => import('../export/ExportPanel'));

const toggle = (which: Exclude<Popover, null>) => () => {
  setModes({ popover: modes.getState().popover === which ? null : which });
};

/** Header actions: copy a link, share or embed, edit, present, export. */
export function Toolbar() {
  const api = useAppApi();
  const popover = useModes((m) => m.popover);
  const editorOpen = useModes((m) => m.editorOpen);
  const predicting = usePredict((p) => p.on);
  return (
    <div className="toolbar" role="group" aria-label="Share, edit, present, export">
      <button
        type="button"
        data-testid="copy-link"
        onClick={() => {
          void copyLink(api);
        }}
      >
        Copy link
      </button>
      <PopoverButton
        label="Share…"
        open={popover === 'share'}
        onToggle={toggle('share')}
        id="share"
      >
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <SharePanel />
        </Suspense>
      </PopoverButton>
      <button
        type="button"
        aria-pressed={editorOpen}
        data-testid="edit-toggle"
        onClick={() => {
          setModes({ editorOpen: !editorOpen, popover: null });
        }}
      >
        Edit
      </button>
      <button
        type="button"
        aria-pressed={predicting}
        data-testid="predict-toggle"
        title="Answer a question before each step is shown"
        onClick={() => {
          setPredicting(!predicting);
        }}
      >
        Predict
      </button>
      <button
        type="button"
        data-testid="present"
        onClick={() => {
          enterPresenter();
        }}
      >
        Present
      </button>
      <PopoverButton
        label="Export…"
        open={popover === 'export'}
        onToggle={toggle('export')}
        id="export"
      >
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <ExportPanel />
        </Suspense>
      </PopoverButton>
    </div>
  );
}
