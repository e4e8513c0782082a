import { useEffect } from 'react';
import { useAppApi } from '../../store/context';
import { exhaustive } from '../../model';
import { keyCommand, keyTarget } from './keyboard';

/** Space, ←/→ (and PageUp/PageDown for clickers), Home/End, never while the user is typing. */
export function useTransportKeys(): void {
  const api = useAppApi();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const cmd = keyCommand({
        key: e.key,
        target: keyTarget(e),
        altKey: e.altKey,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
      });
      if (cmd === null) return;
      e.preventDefault();
      const s = api.getState();
      switch (cmd) {
        case 'toggle':
          s.togglePlay();
          break;
        case 'back':
          s.stepBy(-1);
          break;
        case 'forward':
          s.stepBy(1);
          break;
        case 'first':
          s.first();
          break;
        case 'last':
          s.last();
          break;
        default:
          exhaustive(cmd);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [api]);
}
