import { describe, expect, it } from 'vitest';
import { describePause, GC_ORIGIN_MARK, gcPausesOf, pausesWithin } from './gcPauses';

const MAIN = { pid: 7, tid: 7 };
const thread = { ...MAIN, name: 'thread_name', ph: 'M', ts: 0, args: { name: 'CrRendererMain' } };
// The page's clock reads 2,000 ms when the trace's reads 50,000,000 µs: offset 48,000 ms.
const origin = {
  ...MAIN,
  name: GC_ORIGIN_MARK,
  ph: 'I',
  ts: 50_000_000,
  args: { data: { startTime: 2000 } },
};
const nvp = (ts: number, value: object, tid = MAIN.tid) => ({
  pid: MAIN.pid,
  tid,
  name: 'V8.GCTraceGCNVP',
  ph: 'I',
  ts,
  args: { value: JSON.stringify(value) },
});
const pause = (name: string, ts: number, dur: number, tid = MAIN.tid) => ({
  pid: MAIN.pid,
  tid,
  name,
  ph: 'X',
  ts,
  dur,
});

describe('gcPausesOf', () => {
  it('puts each pause on the page clock with its kind and V8 summary', () => {
    const events = [
      thread,
      origin,
      pause('V8.GC_SCAVENGER', 50_100_000, 3_000),
      nvp(50_103_500, { gc: 's', reduce_memory: false, pause: 3 }),
      pause('V8.GC_MC_INCREMENTAL_START', 50_200_000, 5_000),
      pause('V8.GC_MARK_COMPACTOR', 50_300_000, 61_000),
      nvp(50_361_500, {
        gc: 'mc',
        reduce_memory: true,
        mark: 9,
        evacuate: 20,
        'heap.embedder_tracing_epilogue': 18,
        start_memory_size: 116 * 1024 * 1024,
        end_memory_size: 46 * 1024 * 1024,
      }),
      // Another thread's collection (a worker) is not the page's main thread.
      pause('V8.GC_MARK_COMPACTOR', 50_400_000, 90_000, 99),
      nvp(50_491_000, { gc: 'mc', reduce_memory: true }, 99),
      pause('V8.GC_MARK_COMPACTOR', 50_500_000, 12_000),
      nvp(50_512_500, { gc: 'mc', reduce_memory: false, mark: 4, evacuate: 3 }),
    ];
    const got = gcPausesOf(events);
    expect(got.map((p) => [p.kind, p.at, p.ms])).toEqual([
      ['minor', 2100, 3],
      ['marking-start', 2200, 5],
      ['memory-reducing', 2300, 61],
      ['major', 2500, 12],
    ]);
    expect(got[0]?.phases).toBeUndefined();
    expect(got[1]?.phases).toBeUndefined();
    expect(got[3]?.phases?.mark).toBe(4);
    expect(got[2]?.phases).toEqual({
      mark: 9,
      evacuate: 20,
      embedder: 18,
      other: 14,
      committedBefore: 116 * 1024 * 1024,
      committedAfter: 46 * 1024 * 1024,
    });
    const [, start, reducing] = got;
    if (!start || !reducing) throw new Error('pauses missing');
    expect(describePause(reducing)).toBe(
      '61.0 ms memory-reducing (mark 9.0, evacuate 20.0, Blink 18.0, other 14.0; committed 116 → 46 MB)',
    );
    expect(describePause(start)).toBe('5.0 ms marking-start');
    expect(pausesWithin(got, 2290, 2310).map((p) => p.kind)).toEqual(['memory-reducing']);
    expect(pausesWithin(got, 2206, 2299)).toEqual([]);
  });

  it('finds nothing without the origin mark or the main thread', () => {
    const events = [thread, pause('V8.GC_MARK_COMPACTOR', 50_300_000, 61_000)];
    expect(gcPausesOf(events)).toEqual([]);
    expect(gcPausesOf([origin, pause('V8.GC_MARK_COMPACTOR', 50_300_000, 61_000)])).toEqual([]);
  });

  it('keeps a pause whose summary cannot be read, without phases', () => {
    const bad = { ...nvp(50_361_500, {}), args: { value: '{not json' } };
    const got = gcPausesOf([
      thread,
      origin,
      pause('V8.GC_MARK_COMPACTOR', 50_300_000, 61_000),
      bad,
    ]);
    expect(got).toEqual([{ kind: 'major', at: 2300, ms: 61 }]);
  });
});
