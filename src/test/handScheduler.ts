/**
 * A scheduler a test runs by hand (for afterPaint, whenIdle and the like): `schedule` queues a
 * callback and returns its cancel; `run` calls what is queued, as "the frame was painted" or "the
 * page was idle" would.
 */
export function handScheduler() {
  const pending: (() => void)[] = [];
  const schedule = (fn: () => void) => {
    pending.push(fn);
    return () => {
      const i = pending.indexOf(fn);
      if (i >= 0) pending.splice(i, 1);
    };
  };
  const run = () => {
    for (const fn of pending.splice(0)) fn();
  };
  return { pending, schedule, run };
}
