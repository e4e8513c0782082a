import { useEffect } from 'react';
import { useApp, useAppApi } from '../../store/context';
import { selectCursor, selectPlaying, selectSpeed } from '../../store/selectors';

/** While playing, advance one step every 1/speed seconds; stops itself at the end. */
export function usePlayback(): void {
  const api = useAppApi();
  const playing = useApp(selectPlaying);
  const speed = useApp(selectSpeed);
  const cursor = useApp(selectCursor);
  useEffect(() => {
    if (!playing) return;
    const t = window.setTimeout(() => {
      api.getState().advance();
    }, 1000 / speed);
    return () => {
      window.clearTimeout(t);
    };
  }, [api, playing, speed, cursor]);
}
