/**
 * Idle time: `whenIdle` for light work, and one queue for heavy work.
 *
 * Heavy idle work in one queue: one job per idle period no frame ends, the next step's first.
 *
 * A bulk step (262,144 + 262,144 pages, 65,536 written) leaves about 300 ms of work behind its key:
 * the next step's frame (a replay, about 100 ms) and scene (its layout, about 60 ms), and this
 * step's details (the panels, narration and kernel path, about 230 ms). Each waited for its own
 * long idle period, in the order it was asked for, and the details were asked for first (the
 * store's subscribers run before the map's effect); on a busy machine the next key came before
 * the scene, and that key's task laid it out itself: 67–109 ms, a frame held that long (the map
 * bench's transitions, attributed by Long Animation Frame entries). The details are a frame late
 * by design and a next key skips them altogether; the next step's frame and scene are what that
 * key needs. So here the next step's work goes first, whenever it was asked for.
 */

/** Runs `fn` once when the page is idle; returns a cancel. */
export type WhenIdle = (fn: () => void) => () => void;

/** Idle time after the frame: requestIdleCallback where there is one, else a timer. */
export const whenIdle: WhenIdle = (fn) => {
  if (typeof requestIdleCallback === 'function') {
    // The timeout keeps a page that is never idle (fast play at 4×) from starving it.
    const id = requestIdleCallback(fn, { timeout: 300 });
    return () => {
      cancelIdleCallback(id);
    };
  }
  const id = setTimeout(fn, 50);
  return () => {
    clearTimeout(id);
  };
};

/** What a job is for: the step a next key will show, or the one on screen. */
export type LongIdleRank = 'next-step' | 'this-step';

const ORDER: Record<LongIdleRank, number> = { 'next-step': 0, 'this-step': 1 };

/**
 * An idle period longer than a frame's: Chromium ends one at the next frame while anything
 * animates (the map's transition), and grants up to 50 ms when no frame is due.
 */
const LONG_IDLE_MS = 20;
/** How long a job waits for such a period: past a step's transition (480 + 150 ms). */
export const LONG_IDLE_WAIT_MS = 1000;

interface Job {
  readonly order: number;
  /** Asked-for order, within a rank. */
  readonly seq: number;
  /** Past this (performance.now()), it runs in the next idle callback however short. */
  readonly until: number;
  readonly fn: () => void;
}

const first = (a: Job, b: Job) => a.order - b.order || a.seq - b.seq;

/** A queue of its own (the app has one, `longIdle`; a test makes its own). */
export function longIdleQueue(): (rank: LongIdleRank) => WhenIdle {
  const jobs: Job[] = [];
  let seq = 0;
  let request = 0;

  /**
   * The job to run in this idle callback: one whose wait is over (the first such), else in a long
   * period the first by rank.
   */
  const pick = (d: IdleDeadline): Job | undefined => {
    const now = performance.now();
    const due = jobs.find((j) => j.until <= now);
    if (due) return due;
    return d.didTimeout || d.timeRemaining() >= LONG_IDLE_MS ? jobs[0] : undefined;
  };

  const pump = (d: IdleDeadline): void => {
    request = 0;
    const job = pick(d);
    if (job) jobs.splice(jobs.indexOf(job), 1);
    // Re-armed before the job runs: a job that throws still leaves the rest their turn.
    arm();
    job?.fn();
  };

  /** One idle request for the whole queue, timed out by its nearest wait. */
  const arm = (): void => {
    if (request !== 0 || jobs.length === 0) return;
    const now = performance.now();
    const nearest = Math.min(...jobs.map((j) => j.until));
    request = requestIdleCallback(pump, { timeout: Math.max(1, nearest - now) });
  };

  const disarmIfEmpty = (): void => {
    if (jobs.length > 0 || request === 0) return;
    cancelIdleCallback(request);
    request = 0;
  };

  /** Runs `fn` once in a long idle period, after the jobs of an earlier rank; returns a cancel. */
  return (rank) => (fn) => {
    // No idle callbacks (a test DOM, an old engine): whenIdle's timer.
    if (typeof requestIdleCallback !== 'function') return whenIdle(fn);
    const job: Job = {
      order: ORDER[rank],
      seq: seq++,
      until: performance.now() + LONG_IDLE_WAIT_MS,
      fn,
    };
    jobs.push(job);
    jobs.sort(first);
    arm();
    return () => {
      const at = jobs.indexOf(job);
      if (at >= 0) jobs.splice(at, 1);
      disarmIfEmpty();
    };
  };
}

/** The app's queue: the map's scene, the store's prefetch and the details' mirror share it. */
export const longIdle = longIdleQueue();
