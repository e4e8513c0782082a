import { StrictMode, startTransition } from 'react';
import { runImmerUnfrozen } from './model';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { boot } from './ui/boot';
import { nextTask } from './ui/wire/nextTask';
import './ui/theme.css';
import './ui/app.css';

async function start(): Promise<void> {
  runImmerUnfrozen();
  const params = new URLSearchParams(location.search);
  // The default scenario's run in a task of its own, not in the modules' evaluation (together one
  // task of 60–120 ms on the reference machine).
  await nextTask();
  const { store, library } = boot();
  // ?bench=1: a machine of 262,144 RAM and 262,144 device pages, for bench/render.bench.ts;
  // ?bench=small: the same steps on the default machine, for bench/map.bench.ts. Opened as a link
  // is, so the big one runs in the trace worker like every heavy document: run in this thread, its
  // boot left a heap of ~110 MB committed around 30–40 MB live, which the collector later gave
  // back in one pause of 80–135 ms in the middle of a transition (bench/map.bench.ts).
  const bench = params.get('bench');
  if (bench === '1' || bench === 'small') {
    const { benchInitial } = await import('./ui/bench/benchScenario');
    const { meta, doc, cursor } = benchInitial(bench === '1' ? 'big' : 'small');
    store.getState().open({ meta, doc, step: cursor, selection: null, history: 'replace' });
  }
  if (params.has('bench')) Object.assign(window, { __hmmStore: store });
  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing');
  const app = createRoot(root);
  // A transition renders in slices that yield to the browser: the first render of every panel
  // was one task of 100–240 ms on the reference machine.
  startTransition(() => {
    app.render(
      <StrictMode>
        <App store={store} library={library} />
      </StrictMode>,
    );
  });
}

void start();
