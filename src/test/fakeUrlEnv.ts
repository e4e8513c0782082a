/** A fake window for the URL sync tests: location, history and the three events. */
import type { UrlEnv } from '../ui/share/urlSync';

export interface FakeEnv extends UrlEnv {
  readonly location: { hash: string; pathname: string; search: string };
  readonly pushes: string[];
  readonly replaces: string[];
  /** The user types a fragment in the address bar. */
  navigate(hash: string): void;
}

export function fakeEnv(hash = ''): FakeEnv {
  const listeners = new Map<string, Set<() => void>>();
  const location = { hash, pathname: '/', search: '' };
  const pushes: string[] = [];
  const replaces: string[] = [];
  const setUrl = (url: string | URL | null | undefined) => {
    const u = String(url ?? '');
    location.hash = u.startsWith('#') ? u : '';
  };
  return {
    location,
    pushes,
    replaces,
    history: {
      pushState: (_d: unknown, _t: string, url?: string | URL | null) => {
        pushes.push(String(url));
        setUrl(url);
      },
      replaceState: (_d: unknown, _t: string, url?: string | URL | null) => {
        replaces.push(String(url));
        setUrl(url);
      },
    },
    addEventListener: (type, fn) => {
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type)?.add(fn);
    },
    removeEventListener: (type, fn) => {
      listeners.get(type)?.delete(fn);
    },
    navigate(next) {
      location.hash = next;
      // As browsers do for a fragment navigation: popstate, then hashchange.
      for (const fn of listeners.get('popstate') ?? []) fn();
      for (const fn of listeners.get('hashchange') ?? []) fn();
    },
  };
}
