import './share/share.css';
import { lazy, Suspense, useEffect, useLayoutEffect, useRef } from 'react';
import type { AppStore } from '../store/createAppStore';
import { useAppApi } from '../store/context';
import { readHints, tabSlot } from './drafts/hint';
import { EmbedBar } from './embed/EmbedBar';
import { trackCurrentView } from './export/views';
import { modes, useModes } from './modes';
import { Notices } from './notices/Notices';
import { predictRequested, setPredicting, usePredict } from './predict/predictMode';
import { startup } from './share/startup';
import { connectUrl } from './share/urlSync';
import { LoadingBar } from './trace/LoadingBar';

const Presenter = lazy(() => import('./present/Presenter'));
const EditorDrawer = lazy(() => import('./editor/EditorDrawer'));
const Handout = lazy(() => import('./export/Handout'));
const PredictPanel = lazy(() =>
  import('./predict/PredictPanel').then((m) => ({ default: m.PredictPanel })),
);

/** This tab's own draft, else the newest one in this browser (read lazily, with the store). */
function knownDraft(store: AppStore) {
  const own = tabSlot();
  const hints = readHints(own);
  const pick = hints.find((h) => h.id === own) ?? hints[0];
  if (!pick) return null;
  return {
    later: () =>
      import('./drafts/actions').then((m) => m.startDraft(pick.id, pick.id === own, store)),
  };
}

/**
 * Share, author, present: opens the link (or the draft) before the first paint, keeps the address
 * bar in step, shows notices, and mounts the presenter, the editor and the handout on demand (each
 * its own chunk, loaded the first time it is opened).
 */
export function ShellExtras() {
  const api = useAppApi();
  const embed = useModes((m) => m.embed);
  const presenting = useModes((m) => m.presenting);
  const editorOpen = useModes((m) => m.editorOpen);
  const handoutOpen = useModes((m) => m.handoutOpen);
  const predicting = usePredict((p) => p.on);

  // The start link is read before the first paint; the address bar keeps it until it is open.
  const started = useRef<Promise<void>>(Promise.resolve());
  useLayoutEffect(() => {
    if (predictRequested(location.search)) setPredicting(true);
    started.current = startup(api, { location, draft: knownDraft(api) });
  }, [api]);
  useEffect(() => connectUrl(api, window, () => modes.getState().embed, started.current), [api]);
  useEffect(trackCurrentView, []);
  useEffect(() => {
    const root = document.documentElement;
    if (embed) root.dataset.embed = '';
    else delete root.dataset.embed;
    if (editorOpen && !embed) root.dataset.editor = 'open';
    else delete root.dataset.editor;
  }, [embed, editorOpen]);

  return (
    <>
      {embed && <EmbedBar />}
      <Notices />
      <LoadingBar />
      <Suspense fallback={null}>
        {predicting && !embed && !presenting && <PredictPanel />}
        {presenting && <Presenter />}
        {editorOpen && !embed && <EditorDrawer />}
        {handoutOpen && <Handout />}
      </Suspense>
    </>
  );
}
