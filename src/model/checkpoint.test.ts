/**
 * The checkpointed trace gives back the frames of a full run: same state, same result, same
 * events recomputed by re-running the step from the state before it (the model is deterministic),
 * whatever order the frames are asked in.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Op } from './ops';
import type { Era } from './types';
import type { Frame } from './run';
import { checkpointScenario, emptyTrace, runScenario, step } from './vmlinux';
import { CHECKPOINT_EVERY, checkpointFrames } from './checkpoint';
import { recordOf } from './step_record';
import { FramesTrace } from './frames_trace';
import { stepMarks } from './step_marks';
import { PackedEvents, eventArray } from './kernel_events';

const BASE = 0x10000000;
const at = (page: number): number => BASE + page * 4096;

const pid = fc.constantFrom(1, 2);
const page = fc.integer({ min: 0, max: 7 });
const n = fc.integer({ min: 1, max: 4 });
const device = fc.constantFrom('dmirror0', 'dmirror1');

/** Real ops on a small machine: processes, mappings, CPU and device access, migrations. */
const opArb: fc.Arbitrary<Op> = fc.oneof(
  pid.map((p): Op => ({ op: 'spawn', pid: p })),
  fc.tuple(pid, page, n).map(([p, first, k]): Op => ({
    op: 'mmap',
    pid: p,
    addr: at(first),
    npages: k,
    prot: 'rw',
    flags: ['private', 'anonymous'],
  })),
  fc.tuple(pid, page, n, fc.integer({ min: 1, max: 99 })).map(([p, first, k, v]): Op => ({
    op: 'write',
    pid: p,
    addr: at(first),
    npages: k,
    values: [v],
  })),
  fc
    .tuple(pid, page, n)
    .map(([p, first, k]): Op => ({ op: 'read', pid: p, addr: at(first), npages: k })),
  fc.tuple(device, pid, page, n).map(([d, p, first, k]): Op => ({
    op: 'dmirror_migrate_to_dev',
    device: d,
    pid: p,
    addr: at(first),
    npages: k,
  })),
  fc.tuple(device, pid, page, n).map(([d, p, first, k]): Op => ({
    op: 'dmirror_read',
    device: d,
    pid: p,
    addr: at(first),
    npages: k,
  })),
  fc
    .tuple(pid, page, n)
    .map(([p, first, k]): Op => ({ op: 'munmap', pid: p, addr: at(first), npages: k })),
  fc.constant<Op>({ op: 'fork', pid: 1, child: 3 }),
  fc.constant<Op>({ op: 'exit', pid: 3 }),
);

const SETUP: Op[] = [
  { op: 'device_add', device: 'dmirror0', type: 'private' },
  { op: 'device_add', device: 'dmirror1', type: 'private' },
  { op: 'spawn', pid: 1 },
  { op: 'mmap', pid: 1, addr: BASE, npages: 8, prot: 'rw', flags: ['private', 'anonymous'] },
];

const input = (era: Era, ops: readonly Op[]) => ({
  era,
  machine: { ramPages: 256 },
  steps: [...SETUP, ...ops],
});

/** The frame as a plain value (states compared by content, not identity). */
/** A frame as plain data: a kept step's packed events as the array they stand for. */
const plain = (f: Frame | undefined) => f && { ...f, events: eventArray(f.events) };

describe.each(['v4.14', 'v6.12'] as const)('a checkpointed trace in %s', (era) => {
  it('gives back every frame of the full run, events included, in any order (fast-check, size medium)', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { size: 'medium', minLength: 40, maxLength: 140 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
        (ops, picks) => {
          const doc = input(era, ops);
          const full = runScenario(doc);
          const trace = checkpointScenario(doc);
          expect(trace.length).toBe(full.length);
          // Random frames, then the neighbours of the last one (the cache path), then frame 0.
          const last = (picks.at(-1) ?? 0) % full.length;
          const order = [...picks.map((p) => p % full.length), last + 1, last - 1, last, 0].filter(
            (i) => i >= 0 && i < full.length,
          );
          for (const i of order) {
            const want = full[i];
            const got = trace.frame(i);
            expect(plain(got), `frame ${i}`).toEqual(plain(want));
            expect(trace.records[i]?.marks).toEqual(
              want && stepMarks(want.events, want.result, want.violations),
            );
          }
        },
      ),
      { numRuns: 25, seed: 1214 },
    );
  });
});

describe('checkpoints', () => {
  const ops: Op[] = Array.from({ length: 200 }, (_, i): Op =>
    i % 2 === 0
      ? { op: 'write', pid: 1, addr: at(i % 8), npages: 1, values: [i] }
      : { op: 'dmirror_migrate_to_dev', device: 'dmirror0', pid: 1, addr: at(i % 8), npages: 1 },
  );
  const doc = input('v4.14', ops);

  it('keeps boot and at most CHECKPOINT_EVERY steps between kept states, not every state', () => {
    const trace = checkpointScenario(doc);
    const cps = trace.checkpoints;
    expect(cps[0]).toBe(0);
    for (let k = 1; k < cps.length; k++)
      expect((cps[k] as number) - (cps[k - 1] as number)).toBeLessThanOrEqual(CHECKPOINT_EVERY);
    expect(cps.length).toBeLessThan(trace.length / 4);
    // The records hold no state and (for light steps) no events.
    expect(trace.records.every((r) => !('state' in r))).toBe(true);
    expect(trace.records.filter((r) => r.events !== undefined)).toEqual([]);
  });

  it('returns the same frame object and state when asked twice, and a checkpoint as kept', () => {
    const trace = checkpointScenario(doc);
    const f = trace.frame(50);
    expect(trace.frame(50)).toBe(f);
    expect(trace.frame(49)?.state).toBe(trace.frame(49)?.state);
    const cp = trace.checkpoints[1] as number;
    expect(trace.frame(cp)?.state).toBe(trace.frame(cp)?.state);
  });

  it('keeps a heavy step’s events and takes a checkpoint after it', () => {
    const heavy = input('v4.14', [
      { op: 'spawn', pid: 2 },
      {
        op: 'mmap',
        pid: 2,
        addr: at(64),
        npages: 1500,
        prot: 'rw',
        flags: ['private', 'anonymous'],
      },
      { op: 'write', pid: 2, addr: at(64), npages: 1500, values: [7] },
      { op: 'read', pid: 2, addr: at(64), npages: 1 },
    ]);
    const full = runScenario({ ...heavy, machine: { ramPages: 4096 } });
    const trace = checkpointScenario({ ...heavy, machine: { ramPages: 4096 } });
    const w = full.findIndex((f) => f.op?.op === 'write' && f.touched.pfns.length >= 1500);
    expect(w).toBeGreaterThan(0);
    expect(trace.checkpoints).toContain(w);
    // Kept packed (kernel_events.ts): typed arrays, not an object per event, read back the same.
    const kept = trace.records[w]?.events;
    expect(kept).toBeInstanceOf(PackedEvents);
    expect(kept && eventArray(kept)).toEqual(full[w]?.events);
    expect(plain(trace.frame(w))).toEqual(plain(full[w]));
    expect(plain(trace.frame(w + 1))).toEqual(plain(full[w + 1]));
  });

  it('finds the steps that ran a function, like a search over the full events', () => {
    const trace = checkpointScenario(doc);
    const full = new FramesTrace(runScenario(doc));
    const test = (fn: string) => fn.includes('migrate_vma');
    const hits = trace.matchCalls(test);
    expect(hits.steps.length).toBeGreaterThan(50);
    expect(hits).toEqual(full.matchCalls(test));
    expect(trace.matchCalls(() => false)).toEqual({ steps: [], total: 0 });
  });

  it('travels in chunks (structured clones, as to and from the worker) and gives the same frames', () => {
    const sent = checkpointScenario(doc);
    const got = emptyTrace('v4.14');
    let pairs = 0;
    for (let from = 0; from < sent.length; from += 37) {
      const chunk = sent.chunkSince(from, pairs);
      pairs = sent.callPairs;
      // Only this chunk's frames: what the worker had computed when it sent it.
      const upto = Math.min(sent.length, from + 37);
      got.appendChunk(
        structuredClone({
          ...chunk,
          records: chunk.records.slice(0, upto - from),
          checkpoints: chunk.checkpoints.filter((c) => c.index < upto),
          calls: { ...chunk.calls, counts: chunk.calls.counts.slice(0, upto - from) },
          touched: { ...chunk.touched, counts: chunk.touched.counts.slice(0, upto - from) },
        }),
      );
    }
    expect(got.length).toBe(sent.length);
    expect(got.checkpoints).toEqual(sent.checkpoints);
    for (const i of [0, 1, 31, 32, 33, 120, sent.length - 1])
      expect(plain(got.frame(i)), `frame ${i}`).toEqual(plain(sent.frame(i)));
    const test = (fn: string) => fn.startsWith('migrate_vma');
    expect(got.matchCalls(test)).toEqual(sent.matchCalls(test));
  });

  it('a prefix of a growing trace stays as it was while frames are appended (the app shows it early)', () => {
    const full = runScenario(doc);
    const growing = emptyTrace('v4.14');
    const source = checkpointScenario(doc);
    growing.appendChunk(source.chunkSince(0, 0));
    // A second trace built frame by frame: take a prefix part-way, then append the rest.
    const trace = emptyTrace('v4.14');
    for (const f of full.slice(0, 100)) trace.append(f);
    const early = trace.prefix();
    for (const f of full.slice(100)) trace.append(f);
    expect(early.length).toBe(100);
    expect(early.records.length).toBe(100);
    expect(early.frame(100)).toBeUndefined();
    for (const i of [0, 31, 32, 99])
      expect(plain(early.frame(i)), `frame ${i}`).toEqual(plain(full[i]));
    const test = (fn: string) => fn.startsWith('migrate_vma');
    const all = trace.matchCalls(test);
    const part = early.matchCalls(test);
    expect(part.steps).toEqual(all.steps.filter((i) => i < 100));
    expect(part.total).toBeLessThan(all.total);
    expect(growing.prefix().length).toBe(full.length);
  });

  it('a record is the frame without its state', () => {
    const [boot] = runScenario(doc);
    if (!boot) throw new Error('no boot frame');
    const r = recordOf(boot);
    expect(r).toMatchObject({ index: 0, op: null, eventCount: 0, marks: [] });
    expect('state' in r).toBe(false);
  });
});

describe('CheckpointedTrace.state: stepping back past the recent states', () => {
  it('replays from the checkpoint once for several steps back, not at every step', () => {
    const ops: Op[] = [...SETUP];
    for (let i = 0; i < 40; i++)
      ops.push({ op: 'write', pid: 1, addr: at(i % 8), npages: 1, values: [i] });
    const frames = runScenario(input('v4.14', ops));
    let steps = 0;
    const counting = (state: Parameters<typeof step>[0], op: Op) => {
      steps += 1;
      return step(state, op);
    };
    const trace = checkpointFrames(counting, 'v4.14', frames, 32);
    expect(trace.checkpoints).toEqual([0, 32]);
    // Frame 30 replays from checkpoint 0: 30 steps (its own re-run for events is one more).
    trace.frame(30);
    steps = 0;
    // Stepping back from 30 to 26 asks for states 29 … 25: all kept by that replay.
    for (let i = 29; i >= 26; i--) trace.frame(i);
    expect(steps).toBe(4); // one re-run per frame, for its events; no replay
    expect(trace.frame(26)?.state).toEqual(frames[26]?.state);
  });

  it('stepsToShow(i) is the number of steps frame(i) then runs, in any order (fast-check, size medium)', () => {
    const ops: Op[] = [...SETUP];
    for (let i = 0; i < 40; i++)
      ops.push({ op: 'write', pid: 1, addr: at(i % 8), npages: 1, values: [i] });
    const frames = runScenario(input('v4.14', ops));
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: frames.length - 1 }), {
          size: 'medium',
          minLength: 1,
          maxLength: 60,
        }),
        (asked) => {
          let steps = 0;
          const counting = (state: Parameters<typeof step>[0], op: Op) => {
            steps += 1;
            return step(state, op);
          };
          const trace = checkpointFrames(counting, 'v4.14', frames, 8);
          for (const i of asked) {
            const predicted = trace.stepsToShow(i);
            steps = 0;
            trace.frame(i);
            expect(steps).toBe(predicted);
            expect(trace.stepsToShow(i)).toBe(0);
          }
          expect(trace.stepsToShow(frames.length)).toBe(0);
        },
      ),
    );
  });
});
