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
    savePrefs(typeof localStorage === 'undefined' ? null : localStorage, prefs);
  }, [prefs]);
}
