import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { PackedEvents, eventArray, frameAt, runScenario } from '../../model';
import type { StepRecord } from '../../model';
import { builtinScenarios, getBuiltin } from '../../scenarios/library/all';
import type { ScenarioDoc, TraceOutcome } from '../../store/model';
import { isHeavy, receiver } from './background';
import type { WorkerReply } from './protocol';
import { EAGER_FRAMES, MESSAGE_NODES } from './protocol';
import { pageAddr, privateMappingSetup } from '../../test/longScenario';
import { runDocs } from './runDocs';
import { toJsonText } from '../wire/jsonText';
import { PRETENURE_BYTES } from '../wire/tenured';

const fork = getBuiltin('fork-cow-device-private') as ScenarioDoc;

/** Hand the main thread's receiver what the worker sent, in order, as the page's handler does. */
function feed(into: ReturnType<typeof receiver>, replies: readonly WorkerReply[]): void {
  for (const m of replies)
    if (m.type === 'nodes') into.nodes(structuredClone(m));
    else if (m.type === 'progress') into.chunk(structuredClone(m));
}

describe('runDocs (the trace worker)', () => {
  it('streams chunks the main thread rebuilds into the same frames, for each era', async () => {
    const replies: WorkerReply[] = [];
    let t = 0;
    await runDocs(
      {
        type: 'run',
        id: 7,
        docs: [toJsonText(fork), toJsonText<ScenarioDoc>({ ...fork, era: 'v6.12' })],
      },
      (m) => replies.push(structuredClone(m)),
      () => (t += 60),
    );
    const done = replies.at(-1);
    expect(done?.type).toBe('done');
    if (done?.type !== 'done') return;
    expect(done.id).toBe(7);
    expect(done.outcomes).toEqual([{ ok: true }, { ok: true }]);
    // Rebuilt on the main thread message by message, from structured clones as they arrive.
    const into = receiver();
    feed(into, replies);
    const [a, b] = await into.done(done.outcomes);
    const frames = (o: TraceOutcome | undefined) =>
      o?.ok ? Array.from({ length: o.trace.length }, (_, i) => frameAt(o.trace, i)) : [];
    expect(frames(a)).toEqual(runScenario(fork));
    expect(frames(b)).toEqual(runScenario({ ...fork, era: 'v6.12' }));
    // A clock that moves 60 ms a frame sends about every other frame, counting up to the total.
    const progress = replies.filter((m) => m.type === 'progress').map((m) => m.frames);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
    expect(progress.at(-1)).toBe(2 * (fork.steps.length + 1));
  });

  it('with the documents it sent, the main thread keeps their own steps in the records, not copies', async () => {
    const docs = [fork, { ...fork, era: 'v6.12' } as ScenarioDoc];
    const replies: WorkerReply[] = [];
    let t = 0;
    await runDocs(
      { type: 'run', id: 1, docs: docs.map((d) => toJsonText(d)) },
      (m) => replies.push(structuredClone(m)),
      () => (t += 60),
    );
    const done = replies.at(-1);
    if (done?.type !== 'done') throw new Error('no reply');
    const into = receiver(docs);
    feed(into, replies);
    const outcomes = await into.done(done.outcomes);
    outcomes.forEach((o, k) => {
      if (!o.ok || Array.isArray(o.trace)) throw new Error('no trace');
      const { records } = o.trace as { records: readonly StepRecord[] };
      const steps = docs[k]?.steps ?? [];
      expect(records.length).toBe(steps.length + 1);
      expect(records[0]?.op).toBeNull();
      for (const r of records.slice(1)) {
        expect(r.op).toBe(steps[r.index - 1]);
        expect(r.note).toBe(steps[r.index - 1]?.note ?? null);
      }
      const frames = Array.from({ length: o.trace.length }, (_, i) => frameAt(o.trace, i));
      expect(frames).toEqual(runScenario(docs[k] as ScenarioDoc));
    });
  });

  it('sends every message the page keeps over the size V8 receives into the old generation', async () => {
    const replies: WorkerReply[] = [];
    await runDocs(
      { type: 'run', id: 2, docs: [toJsonText(fork)] },
      (m) => replies.push(m),
      () => 0,
    );
    const kept = replies.filter((m) => m.type !== 'done');
    expect(kept.length).toBeGreaterThan(fork.steps.length);
    // Node's v8.serialize is the structured clone's own serializer (value-serializer.cc).
    for (const m of kept) expect(serialize(m).byteLength).toBeGreaterThan(PRETENURE_BYTES);
    // The ballast is data the page drops: the frames rebuild without it.
    const into = receiver();
    feed(into, replies);
    expect(into.frames(0)).toBe(fork.steps.length + 1);
  });

  it('sends the first frames one by one, so a long step after them never hides them', async () => {
    const replies: WorkerReply[] = [];
    // A clock that never moves: only the eager rule and CHUNK_FRAMES send.
    await runDocs(
      { type: 'run', id: 1, docs: [toJsonText(fork)] },
      (m) => replies.push(m),
      () => 0,
    );
    const sizes = replies.flatMap((m) => (m.type === 'progress' ? [m.chunk.records.length] : []));
    const eager = Math.min(EAGER_FRAMES, fork.steps.length + 1);
    expect(sizes.slice(0, eager)).toEqual(Array<number>(eager).fill(1));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(fork.steps.length + 1);
  });

  it('never sends a checkpoint node twice: later chunks reference what earlier ones sent', async () => {
    const long = {
      ...fork,
      steps: Array.from({ length: 300 }, (_, i) => fork.steps[i % fork.steps.length]),
    } as ScenarioDoc;
    const replies: WorkerReply[] = [];
    let t = 0;
    await runDocs(
      { type: 'run', id: 1, docs: [toJsonText(long)] },
      (m) => replies.push(m),
      () => (t += 30),
    );
    const chunks = replies.flatMap((m) => (m.type === 'progress' ? [m.chunk] : []));
    expect(chunks.length).toBeGreaterThan(20);
    // Every chunk after the first that carries a checkpoint refers back to nodes sent before.
    const later = chunks.slice(1).filter((c) => c.checkpoints.index.length > 0);
    expect(later.length).toBeGreaterThan(3);
    for (const c of later) expect(JSON.stringify(c.checkpoints.states)).toContain('\\u0000ref');
    const into = receiver();
    feed(into, replies);
    const done = replies.at(-1);
    if (done?.type !== 'done') throw new Error('no reply');
    const [o] = await into.done(done.outcomes);
    const full = runScenario(long);
    if (!o?.ok) throw new Error('no trace');
    for (const i of [0, 1, 64, 150, 299, 300]) expect(frameAt(o.trace, i)).toEqual(full[i]);
  });

  it('sends a state too big for one message as batches of nodes ahead of its chunk', async () => {
    // A write of 4,096 pages: its state and its kept events are far more new nodes than one
    // message may carry.
    const pages = 4096;
    const doc = {
      era: 'v4.14',
      machine: { ramPages: 2 * pages + 4096 },
      steps: [
        ...privateMappingSetup(pages),
        { op: 'write', pid: 1, addr: pageAddr(0), npages: pages, value: 7 },
        { op: 'dmirror_migrate_to_dev', device: 'dmirror0', pid: 1, addr: pageAddr(0), npages: 8 },
      ],
    } as unknown as ScenarioDoc;
    const replies: WorkerReply[] = [];
    await runDocs(
      { type: 'run', id: 1, docs: [toJsonText(doc)] },
      (m) => replies.push(m),
      () => 0,
    );
    const batches = replies.flatMap((m) => (m.type === 'nodes' ? [m.nodes] : []));
    expect(batches.length).toBeGreaterThan(1);
    // Bounded in what a message clones: its nodes and their references to children.
    const objects = (b: readonly unknown[]) =>
      b.reduce<number>(
        (n, node) =>
          n + 1 + Object.values(node as object).filter((v) => typeof v === 'object' && v).length,
        0,
      );
    for (const b of batches) {
      expect(b.length).toBeLessThanOrEqual(MESSAGE_NODES);
      expect(objects(b)).toBeLessThanOrEqual(3 * MESSAGE_NODES);
    }
    // The write is heavy: it keeps its events, and they travel in its record as packed data
    // (typed arrays and a table of calls), never as an object per event.
    const heavy = replies.flatMap((m) =>
      m.type === 'progress' ? m.chunk.records.flatMap((r) => (r.events ? [r.events] : [])) : [],
    );
    expect(heavy).toHaveLength(1);
    expect(heavy[0]?.heads).toBeInstanceOf(Int32Array);
    expect(heavy[0]?.bytes).toBeInstanceOf(Uint8Array);
    expect(heavy[0]?.calls.length).toBeLessThan(64);
    // Each batch goes ahead of the chunk that refers to it.
    const kinds = replies.map((m) => m.type);
    expect(kinds.lastIndexOf('nodes')).toBeLessThan(kinds.lastIndexOf('progress'));
    const done = replies.at(-1);
    if (done?.type !== 'done') throw new Error('no reply');
    const into = receiver();
    feed(into, replies);
    const [o] = await into.done(done.outcomes);
    if (!o?.ok) throw new Error('no trace');
    const full = runScenario(doc);
    expect(o.trace.length).toBe(full.length);
    for (let i = 0; i < full.length; i++) {
      const f = frameAt(o.trace, i);
      expect(f && { ...f, events: eventArray(f.events) }).toEqual(full[i]);
    }
    // The write's record has its events back, as the trace that computed them kept them.
    const write = (o.trace as { records: readonly StepRecord[] }).records[full.length - 2];
    expect(write?.events).toBeInstanceOf(PackedEvents);
    expect(write?.events?.length).toBe(full[full.length - 2]?.events.length);
  });

  it('says why a document could not run, and still runs the next one', async () => {
    const replies: WorkerReply[] = [];
    const bad = { ...fork, era: 'v9.99' } as unknown as ScenarioDoc;
    await runDocs(
      { type: 'run', id: 1, docs: [toJsonText(bad), toJsonText(fork)] },
      (m) => replies.push(m),
      () => 0,
    );
    const done = replies.at(-1);
    if (done?.type !== 'done') throw new Error('no reply');
    expect(done.outcomes[0]?.ok).toBe(false);
    expect(done.outcomes[1]?.ok).toBe(true);
  });
});

describe('isHeavy', () => {
  it('keeps every built-in on the main thread', () => {
    expect(builtinScenarios.filter((s) => isHeavy(s)).map((s) => s.id)).toEqual([]);
  });
  it('sends a large migration or a long scenario to the worker', () => {
    const big: ScenarioDoc = {
      ...fork,
      steps: [
        { op: 'spawn', pid: 1 },
        { op: 'mmap', pid: 1, addr: 0x10000000, npages: 4096, prot: 'rw' },
        { op: 'write', pid: 1, addr: 0x10000000, npages: 4096, values: [1] },
      ],
    } as ScenarioDoc;
    expect(isHeavy(big)).toBe(true);
    const long = {
      ...fork,
      steps: Array.from({ length: 200 }, () => fork.steps[0]),
    } as ScenarioDoc;
    expect(isHeavy(long)).toBe(true);
  });
});
