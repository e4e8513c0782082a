/**
 * The address bar follows the app: the fragment holds the scenario (built-in id or the compressed
 * document), the step and the selection. A new scenario is a new history entry (pushState); a step,
 * a selection or an edit replaces the current one (replaceState) SETTLE_MS later (at most every
 * DEBOUNCE_MS while playing), so that a step's frame never waits for it. The other way, a fragment
 * the user typed or reached with Back (hashchange, popstate) goes through ingestFragment and
 * nowhere else; a link that cannot be opened leaves the scenario on screen as it was and says why.
 */
import type { IngestResult } from '../../ingest';
import type { AppStore } from '../../store/createAppStore';
import type { AppState, HistoryMode } from '../../store/types';
import { clearSource, notify } from '../notices/notices';
import { applyLink } from './applyLink';
import { loadCodec } from './codecRef';
import { loadEra } from '../../model';
import { fragmentFor } from './linkSource';
import { readLink } from './linkRead';

export const DEBOUNCE_MS = 400;
/**
 * How long a paused step's write waits, gathering the steps after it (a held arrow key): the step's
 * frame never waits for the history API (Chromium serialises the state, and refetches and
 * re-decodes the favicon on every replaceState), and a run of steps stays within the browsers'
 * history rate limits (Safari: 100 writes per 10 s). It also waits for the map's transition to end
 * (480 ms, then 150 ms of fade: views/map/motion.ts, held to it by urlSync.test.ts): written at
 * 200 ms, the write fell mid-animation, where it took ~10 ms of the page's main thread and ~13 ms
 * of the browser's on the bench machine (a Chromium trace of bench/map.bench.ts's transitions), and
 * with them a frame.
 */
export const SETTLE_MS = 700;

type WriteMode = HistoryMode;

export interface UrlEnv {
  readonly location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  readonly history: Pick<History, 'pushState' | 'replaceState'>;
  addEventListener(type: 'hashchange' | 'popstate' | 'pagehide', fn: () => void): void;
  removeEventListener(type: 'hashchange' | 'popstate' | 'pagehide', fn: () => void): void;
}

/** Show what became of a link; apply it when it was accepted. Never throws. */
export function handleLinkResult(store: AppStore, r: IngestResult): boolean {
  try {
    if (!r.ok) {
      const title = store.getState().scenario.title;
      notify(
        'error',
        'link',
        `This link could not be opened. ${r.error} Still showing “${title}”.`,
      );
      return false;
    }
    applyLink(store, r);
    if (r.warnings.length > 0) notify('warning', 'link', r.warnings.join(' '));
    else clearSource('link');
    return true;
  } catch (e) {
    notify(
      'error',
      'link',
      `This link could not be opened (${e instanceof Error ? e.name : 'error'}).`,
    );
    return false;
  }
}

/**
 * Keep the address bar and the store in step. `ready` settles when the start link (or draft) has
 * been opened (startup.ts): until then the address bar keeps the link being read, so a reload
 * while it opens (or is computed in the background) opens it again.
 */
export function connectUrl(
  store: AppStore,
  env: UrlEnv,
  embed: () => boolean,
  ready?: Promise<unknown>,
): () => void {
  let lastWritten: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;

  const write = (mode: WriteMode, state: AppState = store.getState()) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    // While a document is computed in the background the address bar keeps the link being opened
    // (a reload opens it again); what is on screen is written when it is done or cancelled.
    if (store.getState().loading !== null) return;
    let r: ReturnType<typeof fragmentFor>;
    try {
      r = fragmentFor(state, { embed: embed() });
    } catch {
      // A state no link can carry (a view's boundary repairs the address bar): leave it as it is.
      return;
    }
    if (!r.ok && 'pending' in r) {
      if (state !== store.getState()) return;
      // The codec chunk, or a long document's payload from its worker: write when it is here.
      void r.ready.then(() => {
        write(mode);
      });
      return;
    }
    const url = r.ok ? r.fragment : `${env.location.pathname}${env.location.search}`;
    if (r.ok && r.fragment === env.location.hash) {
      lastWritten = env.location.hash;
      return;
    }
    try {
      if (mode === 'push') env.history.pushState(null, '', url);
      else env.history.replaceState(null, '', url);
    } catch {
      // A browser may refuse too many history writes in a short time; the next one catches up.
    }
    lastWritten = env.location.hash;
  };
  const flush = () => {
    if (timer !== undefined) write('replace');
  };

  // What was on screen when a background run began: a long document goes on screen before it is
  // done (store streaming.ts), so the run's end is compared with this, not with the last write.
  let beforeRun: Pick<AppState, 'scenario' | 'compare'> | null = null;
  const onChange = (s: AppState, prev: AppState) => {
    if (s.loading !== null) {
      beforeRun ??= prev;
      return;
    }
    const before = beforeRun ?? prev;
    beforeRun = null;
    if (prev.loading !== null && s.scenario === before.scenario && s.compare === before.compare) {
      // Cancelled: the address bar shows what stayed on screen again.
      write('replace');
    } else if (prev.loading !== null) {
      // Done, or cancelled after the document went on screen: recorded as `open` decided.
      write(s.history);
    } else if (s.scenario !== prev.scenario) {
      // A step not written yet belongs to the entry being left.
      if (timer !== undefined) write('replace', prev);
      // How to record it was decided with the scenario (the store's `open`).
      write(s.history);
    } else if (s.compare !== prev.compare) {
      // Opening or closing the side-by-side view is a place to come back to, like a new scenario
      // (a link that opened it is recorded in place: `open` decided that too).
      if (timer !== undefined) write('replace', prev);
      write(s.history);
    } else if (s.cursor !== prev.cursor || s.selection !== prev.selection) {
      timer ??= setTimeout(
        () => {
          write('replace');
        },
        s.playing ? DEBOUNCE_MS : SETTLE_MS,
      );
    } else if (prev.playing && !s.playing) flush();
  };

  // The link being read. A fragment navigation fires popstate and then hashchange: read once
  // (a second read superseded the first, and a 50,000-step link was decoded twice, one after the
  // other in the link worker: ~0.5 s more before step 0 was on screen).
  let reading: string | null = null;
  const onNavigate = () => {
    const hash = env.location.hash;
    if (hash === lastWritten || hash === '' || hash === '#' || hash === reading) return;
    const mine = ++seq;
    reading = hash;
    const done = () => {
      if (mine === seq) reading = null;
    };
    void loadCodec()
      .then((c) => readLink(c, hash))
      .then(async (r) => {
        // The eras the link runs in must be loaded before it is applied (v6.12 is its own chunk).
        if (r.ok) for (const era of [r.scenario.era, r.compare]) if (era) await loadEra(era);
        return r;
      })
      .then((r) => {
        done();
        if (mine !== seq) return;
        if (!handleLinkResult(store, r)) write('replace');
      })
      .catch(() => {
        done();
        notify('error', 'link', 'This link could not be opened: part of the app failed to load.');
      });
  };

  const unsubscribe = store.subscribe(onChange);
  env.addEventListener('hashchange', onNavigate);
  env.addEventListener('popstate', onNavigate);
  env.addEventListener('pagehide', flush);
  let connected = true;
  // A link that was refused is replaced by what is on screen; an accepted one is already there.
  if (ready === undefined) write('replace');
  else
    void ready.then(() => {
      if (connected) write('replace');
    });
  return () => {
    connected = false;
    flush();
    unsubscribe();
    env.removeEventListener('hashchange', onNavigate);
    env.removeEventListener('popstate', onNavigate);
    env.removeEventListener('pagehide', flush);
  };
}
