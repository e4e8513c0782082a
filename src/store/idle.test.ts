/**
 * The long-idle queue: heavy work runs one job per idle period no frame ends, the next step's
 * frame and scene before the details of the step on screen, whatever order they were asked in.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LONG_IDLE_WAIT_MS, longIdleQueue } from './idle';

/** requestIdleCallback by hand: `idle(ms)` runs what is queued with that much idle time left. */
function fakeIdle() {
  const queue = new Map<number, { cb: IdleRequestCallback; timeout: number | undefined }>();
  let next = 1;
  vi.stubGlobal('requestIdleCallback', (cb: IdleRequestCallback, o?: IdleRequestOptions) => {
    queue.set(next, { cb, timeout: o?.timeout });
    return next++;
  });
  vi.stubGlobal('cancelIdleCallback', (id: number) => queue.delete(id));
  const idle = (ms: number, didTimeout = false) => {
    const due = [...queue.values()];
    queue.clear();
    for (const { cb } of due) cb({ didTimeout, timeRemaining: () => ms });
  };
  return { queue, idle };
}

describe('longIdle: the next step first, one job per long idle period', () => {
  let now = 0;
  let details: ReturnType<ReturnType<typeof longIdleQueue>>;
  let ahead: typeof details;
  beforeEach(() => {
    now = 0;
    const queue = longIdleQueue();
    details = queue('this-step');
    ahead = queue('next-step');
    vi.spyOn(performance, 'now').mockImplementation(() => now);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it("runs the next step's work before this step's details, though asked for after them", () => {
    const { idle } = fakeIdle();
    const ran: string[] = [];
    details(() => ran.push('details'));
    ahead(() => ran.push('frame'));
    ahead(() => ran.push('scene'));
    idle(12); // between two frames of the transition: nothing
    expect(ran).toEqual([]);
    idle(50);
    expect(ran).toEqual(['frame']);
    idle(50);
    expect(ran).toEqual(['frame', 'scene']);
    idle(50);
    expect(ran).toEqual(['frame', 'scene', 'details']);
  });

  it('keeps one idle request for the whole queue, timed out by the nearest wait', () => {
    const { queue, idle } = fakeIdle();
    details(() => undefined);
    now = 400;
    ahead(() => undefined);
    expect(queue.size).toBe(1);
    expect([...queue.values()][0]?.timeout).toBe(LONG_IDLE_WAIT_MS);
    idle(5);
    expect(queue.size).toBe(1);
    // Re-armed at 400: the details' wait ends first.
    expect([...queue.values()][0]?.timeout).toBe(LONG_IDLE_WAIT_MS - 400);
  });

  it('runs a job whose wait is over in a short slot, before a rank ahead of it', () => {
    const { idle } = fakeIdle();
    const ran: string[] = [];
    details(() => ran.push('details'));
    now = 600;
    ahead(() => ran.push('scene'));
    now = LONG_IDLE_WAIT_MS + 1;
    idle(3);
    expect(ran).toEqual(['details']);
    idle(3, true);
    expect(ran).toEqual(['details', 'scene']);
  });

  it('a cancel drops the job, and the idle request with the last one', () => {
    const { queue, idle } = fakeIdle();
    const ran: string[] = [];
    const cancelDetails = details(() => ran.push('details'));
    const cancelScene = ahead(() => ran.push('scene'));
    cancelScene();
    expect(queue.size).toBe(1);
    cancelDetails();
    expect(queue.size).toBe(0);
    idle(50);
    expect(ran).toEqual([]);
  });

  it('a job that throws leaves the others their turn', () => {
    const { idle } = fakeIdle();
    const ran: string[] = [];
    ahead(() => {
      throw new Error('boom');
    });
    details(() => ran.push('details'));
    expect(() => {
      idle(50);
    }).toThrow('boom');
    idle(50);
    expect(ran).toEqual(['details']);
  });
});
