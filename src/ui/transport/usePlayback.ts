import { useEffect } from 'react';
import { useApp, useAppApi } from '../../store/context';
import { selectPlaying, selectSpeed } from '../../store/selectors';

/**
 * While playing, advance one step every 1/speed seconds; stops itself at the end. The timer starts
 * over whenever the cursor moves (a step by hand while playing waits a full tick). It follows the
 * cursor through a store subscription, not a React one: the shell that calls this hook must not
 * re-render on every step.
 */
export function usePlayback(): void {
  const api = useAppApi();
  const playing = useApp(selectPlaying);
  const speed = useApp(selectSpeed);
  useEffect(() => {
    if (!playing) return;
    const tick = () => {
      api.getState().advance();
    };
    let t = window.setTimeout(tick, 1000 / speed);
    const stop = api.subscribe((s, prev) => {
      if (s.cursor === prev.cursor) return;
      window.clearTimeout(t);
      t = window.setTimeout(tick, 1000 / speed);
    });
    return () => {
      stop();
      window.clearTimeout(t);
    };
  }, [api, playing, speed]);
}
