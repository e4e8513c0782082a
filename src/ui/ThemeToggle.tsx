import { useApp, useAppApi } from '../store/context';
import { selectTheme } from '../store/selectors';

export function ThemeToggle() {
  const api = useAppApi();
  const theme = useApp(selectTheme);
  const dark = theme === 'dark';
  return (
    <button
      type="button"
      className="theme-toggle"
      aria-pressed={dark}
      onClick={() => {
        api.getState().setTheme(dark ? 'light' : 'dark');
      }}
    >
      Dark theme
    </button>
  );
}
