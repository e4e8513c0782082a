/** Preferences persist in localStorage; anything unreadable falls back to the defaults. */
import type { Prefs, Theme } from './types';
import { SPEEDS } from './types';

const KEY = 'hmm-explorer:prefs';

export function defaultPrefs(prefersDark: boolean): Prefs {
  return { theme: prefersDark ? 'dark' : 'light', speed: 1 };
}

/** Keep only a known theme and a known speed from whatever was stored. */
export function parsePrefs(raw: string | null, fallback: Prefs): Prefs {
  if (raw === null) return fallback;
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v !== 'object' || v === null) return fallback;
    const o = v as { theme?: unknown; speed?: unknown };
    const theme: Theme = o.theme === 'dark' || o.theme === 'light' ? o.theme : fallback.theme;
    const speed =
      typeof o.speed === 'number' && SPEEDS.includes(o.speed) ? o.speed : fallback.speed;
    return { theme, speed };
  } catch {
    return fallback;
  }
}

export function loadPrefs(storage: Pick<Storage, 'getItem'> | null, fallback: Prefs): Prefs {
  try {
    return parsePrefs(storage?.getItem(KEY) ?? null, fallback);
  } catch {
    return fallback;
  }
}

export function savePrefs(storage: Pick<Storage, 'setItem'> | null, prefs: Prefs): void {
  try {
    storage?.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // Private mode or a full quota: preferences just do not persist.
  }
}
