import type { ReactNode } from 'react';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { StoreContext } from '../store/context';
import type { AppStore } from '../store/createAppStore';
import { useApp, useAppApi } from '../store/context';
import { laggedStore } from '../store/lagged';
import { prefetchNeighbours } from '../store/prefetch';
import { selectCompare, selectCursor, selectError } from '../store/selectors';
import { CountersView } from '../views/counters/CountersView';
import { KernelPathView } from '../views/kernel-path/KernelPathView';
import { PageTablesView } from '../views/page-tables/PageTablesView';
import { Announcer } from './Announcer';
import { ViewBoundary } from './boundary/ViewBoundary';
import type { Library } from './library';
import { ScenarioPicker } from './ScenarioPicker';
import { ShellExtras } from './ShellExtras';
import { installPanelKeys } from './panelKeys';
import { LayoutAhead } from './LayoutAhead';
import { SkipLinks } from './SkipLinks';
import { ThemeToggle } from './ThemeToggle';
import { useModes } from './modes';
import { EraControls } from './era/EraControls';
import { Toolbar } from './toolbar/Toolbar';
import { Transport } from './transport/Transport';
import { usePlayback } from './transport/usePlayback';
import { useTransportKeys } from './transport/useTransportKeys';
import { usePrefsEffects } from './usePrefsEffects';

// The map and its D3 transitions load as their own chunk, right after the shell: the initial
// bundle stays inside its 150 kB gzip budget (e2e/bundle.spec.ts) and the map follows in one fetch.
const MapView = lazy(() => import('../views/map/MapView').then((m) => ({ default: m.MapView })));
// The physical address space is the last of the details, below the fold: its canvas grid loads as
// its own chunk too, so the built-in library can grow inside the same budget.
const PhysicalView = lazy(() =>
  import('../views/physical/PhysicalView').then((m) => ({ default: m.PhysicalView })),
);
// Device memory is a detail below the map: its tables load as their own chunk as well (the
// initial bundle had reached its 150 kB gzip budget).
const DeviceView = lazy(() =>
  import('../views/device/DeviceView').then((m) => ({ default: m.DeviceView })),
);
// The inspector (one struct page or PTE in full) is a detail below the fold as well: its own
// chunk, which gave the initial bundle back the room a step's layout-ahead took (150 kB gzip).
const InspectorView = lazy(() =>
  import('../views/inspector/InspectorView').then((m) => ({ default: m.InspectorView })),
);
// The compare view (two eras side by side) loads only when it is asked for.
const CompareView = lazy(() =>
  import('../views/compare/CompareView').then((m) => ({ default: m.CompareView })),
);

function Shell({ library }: { library: Library }) {
  usePlayback();
  useTransportKeys();
  usePrefsEffects();
  useEffect(() => installPanelKeys(window), []);
  const api = useAppApi();
  // The frames a next step shows are computed in idle time, not in the key's task.
  useEffect(() => prefetchNeighbours(api), [api]);
  const error = useApp(selectError);
  const presenting = useModes((m) => m.presenting);
  const comparing = useApp(selectCompare) !== null;
  // One mirror for every view that follows the map by a painted frame (store/lagged.ts).
  const [lag] = useState(() => laggedStore(api));
  useEffect(() => lag.connect(), [lag]);
  const late = lag.store;
  return (
    <div className="app">
      <SkipLinks />
      <header className="app-header">
        <h1>HMM Explorer</h1>
        <ScenarioPicker library={library} />
        <EraControls />
        <Toolbar />
        <ThemeToggle />
      </header>
      <Transport />
      <StoreContext.Provider value={late}>
        <Announcer />
      </StoreContext.Provider>
      <ShellExtras />
      <LayoutAhead />
      {error !== null ? (
        <main className="error" role="alert">
          <h2>This scenario could not run</h2>
          <p>{error}</p>
        </main>
      ) : (
        <main className="views" id="main" tabIndex={-1}>
          {comparing && (
            <ViewBoundary name="compare" title="Two eras">
              <Suspense
                fallback={
                  <section className="panel" aria-busy="true" aria-label="Two eras">
                    <p>Loading the compare view…</p>
                  </section>
                }
              >
                <CompareView />
              </Suspense>
            </ViewBoundary>
          )}
          {/* What a newcomer sees first: the map, with the step's narration beside it. */}
          <div className="stage">
            <ViewBoundary name="map" title="Memory map">
              <Suspense
                fallback={
                  <section className="panel" aria-busy="true" aria-label="Memory map">
                    <p>Loading the memory map…</p>
                  </section>
                }
              >
                <MapView roomy={presenting} />
              </Suspense>
            </ViewBoundary>
            {/* The narration follows the map by a frame: the step's first frame is the map's. */}
            <ViewBoundary name="kernel-path" title="This step">
              <StoreContext.Provider value={late}>
                <KernelPathView />
              </StoreContext.Provider>
            </ViewBoundary>
          </div>
          {/* The other views stay available below, as details of the same step. */}
          <Details store={late}>
            <ViewBoundary name="page-tables" title="Page tables">
              <PageTablesView />
            </ViewBoundary>
            <ViewBoundary name="device" title="Device memory">
              <Suspense
                fallback={
                  <section className="panel" aria-busy="true" aria-label="Device memory">
                    <p>Loading device memory…</p>
                  </section>
                }
              >
                <DeviceView />
              </Suspense>
            </ViewBoundary>
            <ViewBoundary name="inspector" title="Inspector">
              <Suspense
                fallback={
                  <section
                    className="panel panel-inspector"
                    aria-busy="true"
                    aria-label="Inspector"
                  >
                    <p>Loading the inspector…</p>
                  </section>
                }
              >
                <InspectorView />
              </Suspense>
            </ViewBoundary>
            <ViewBoundary name="counters" title="Counters">
              <CountersView />
            </ViewBoundary>
            <ViewBoundary name="physical" title="Physical address space">
              <Suspense
                fallback={
                  <section className="panel" aria-busy="true" aria-label="Physical address space">
                    <p>Loading the physical address space…</p>
                  </section>
                }
              >
                <PhysicalView />
              </Suspense>
            </ViewBoundary>
          </Details>
        </main>
      )}
    </div>
  );
}

/**
 * The details, below the fold: like the narration, they read the store one painted frame late on
 * a step (store/lagged.ts), so the step's first frame is the map and the transport only.
 */
function Details({ store, children }: { store: AppStore; children: ReactNode }) {
  // The step the details show (tests wait for it after a step, as for the map's).
  const cursor = useStore(store, selectCursor);
  return (
    <StoreContext.Provider value={store}>
      <section className="details" aria-label="Details of this step" data-cursor={cursor}>
        {children}
      </section>
    </StoreContext.Provider>
  );
}

/** The app: one store (the scenario and its trace), the transport, the memory map and the views. */
export function App({ store, library }: { store: AppStore; library: Library }) {
  return (
    <StoreContext.Provider value={store}>
      <ViewBoundary name="app" title="HMM Explorer">
        <Shell library={library} />
      </ViewBoundary>
    </StoreContext.Provider>
  );
}
