import { useEffect } from 'react';
import { useApp } from '../store/context';
import { selectPrefs } from '../store/selectors';
import { savePrefs } from '../store/prefs';

/** Apply the theme to <html> and persist preferences when they change. */
export function usePrefsEffects(): void {
  const prefs = useApp(selectPrefs);
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = prefs.theme;
    root.style.colorScheme = prefs.theme;
    let storage: Storage | null = null;
    try {
      storage = typeof localStorage === 'undefined' ? null : localStorage;
    } catch {
      // Reading localStorage throws in a third-party or sandboxed iframe (an embed in an LMS).
    }
    savePrefs(storage, prefs);
  }, [prefs]);
}
