/** A heavy step's kept events (kernel_events.ts): packed, they read back as the events they were. */
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { KernelEvent } from './ops';
import {
  PackedEvents,
  callAt,
  calledFns,
  depthAt,
  depthsOf,
  eventArray,
  firstCalls,
  packEvents,
  type PackedEventsData,
} from './kernel_events';
import { runScenario } from './vmlinux';
import { pageAddr, privateMappingSetup } from '../test/longScenario';

const ev = (fn: string, file: string, depth: number, text: string): KernelEvent => ({
  fn,
  file,
  text,
  depth,
});

const SAMPLE: KernelEvent[] = [
  ev('handle_mm_fault', 'mm/memory.c', 0, 'pid 1 0x10000000 write'),
  ev('do_swap_page', 'mm/memory.c', 1, 'device-private entry → pfn 0x3ffff0000'),
  ev('put_page', 'include/linux/mm.h', 2, ''),
  ev('do_swap_page', 'mm/memory.c', 1, 'ünïcödé ✓ 0x4'),
];

const eventArb = fc.record({
  fn: fc.constantFrom('handle_mm_fault', 'do_swap_page', 'migrate_vma', 'page_free', 'ops->fault'),
  file: fc.constantFrom('mm/memory.c', 'mm/migrate.c', 'lib/test_hmm.c', 'kernel/memremap.c'),
  text: fc.string({ unit: 'grapheme', size: 'medium' }),
  depth: fc.nat({ max: 4095 }),
});

describe('packEvents (a heavy step’s kept events)', () => {
  it('reads back every event, text, depth and call, in order', () => {
    const p = packEvents(SAMPLE);
    expect(p.length).toBe(4);
    expect(eventArray(p)).toEqual(SAMPLE);
    expect([...p]).toEqual(SAMPLE);
    expect(p.at(1)).toEqual(SAMPLE[1]);
    expect(p.at(-1)).toEqual(SAMPLE[3]);
    expect(p.at(4)).toBeUndefined();
    expect(p.textAt(2)).toBe('');
    expect(depthAt(p, 2)).toBe(2);
    expect(callAt(p, 3)).toEqual({ fn: 'do_swap_page', file: 'mm/memory.c' });
    expect(callAt(p, 9)).toBeUndefined();
    expect(calledFns(p)).toEqual(new Set(['handle_mm_fault', 'do_swap_page', 'put_page']));
  });

  it('keeps each (function, file) once, however many events ran it', () => {
    const many = Array.from({ length: 5000 }, (_, i) => SAMPLE[i % 4] as KernelEvent);
    const p = packEvents(many);
    expect(p.data.calls).toHaveLength(3);
    // The same shared call object for every event of a pair: reading calls makes nothing.
    expect(p.callAt(1)).toBe(p.callAt(4997));
    expect(eventArray(p)).toEqual(many);
  });

  it('lists each call once, in the order of its first call', () => {
    expect(firstCalls(SAMPLE)).toEqual([
      { fn: 'handle_mm_fault', file: 'mm/memory.c' },
      { fn: 'do_swap_page', file: 'mm/memory.c' },
      { fn: 'put_page', file: 'include/linux/mm.h' },
    ]);
    expect(Array.from(depthsOf(SAMPLE))).toEqual([0, 1, 2, 1]);
  });

  it('reads an array and packed events alike (callAt, depthAt, eventArray)', () => {
    expect(callAt(SAMPLE, 1)).toBe(SAMPLE[1]);
    expect(depthAt(SAMPLE, 3)).toBe(1);
    expect(depthAt(SAMPLE, 7)).toBe(0);
    expect(eventArray(SAMPLE)).toBe(SAMPLE);
    const p = packEvents(SAMPLE);
    expect(packEvents(p)).toBe(p);
  });

  it('refuses a depth its heads cannot hold', () => {
    expect(() => packEvents([ev('f', 'x.c', 4096, '')])).toThrow(RangeError);
    expect(() => packEvents([ev('f', 'x.c', -1, '')])).toThrow(RangeError);
  });

  it('survives a structured clone as its data alone (the trace worker sends it so)', () => {
    const p = packEvents(SAMPLE);
    const back = new PackedEvents(deserialize(serialize(p.data)) as PackedEventsData);
    expect(eventArray(back)).toEqual(SAMPLE);
  });

  it('round-trips any events, texts of any script (fast-check, size medium)', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { size: 'medium' }), (events) => {
        const p = packEvents(events);
        expect(p.length).toBe(events.length);
        expect(eventArray(p)).toEqual(events);
        events.forEach((e, i) => {
          expect(callAt(p, i)).toEqual({ fn: e.fn, file: e.file });
          expect(depthAt(p, i)).toBe(e.depth);
        });
        // The same first calls and depths read from the table and heads as from the array.
        expect(firstCalls(p)).toEqual(firstCalls(events));
        expect(depthsOf(p)).toEqual(depthsOf(events));
        expect(calledFns(p)).toEqual(new Set(events.map((e) => e.fn)));
      }),
      { numRuns: 60 },
    );
  });

  it('finds where each text ends across a batch, a lone surrogate and four-byte letters included', () => {
    const texts = [
      'pfn 0x4 → 0x5',
      'a\ud800b',
      '𝔭𝔣𝔫',
      ...Array.from({ length: 600 }, (_, i) => `ascii ${i}`),
    ];
    const p = packEvents(texts.map((t, i) => ev('put_page', 'include/linux/mm.h', i % 3, t)));
    // TextEncoder writes a lone surrogate as U+FFFD; the texts after it read back whole.
    expect(eventArray(p).map((e) => e.text)).toEqual(
      texts.map((t) => t.replace('\ud800', '\ufffd')),
    );
  });

  it('packs a bulk write’s events as the step recorded them (model step)', () => {
    const pages = 256;
    const frames = runScenario({
      era: 'v4.14',
      machine: { ramPages: 4096 },
      steps: [
        ...privateMappingSetup(pages),
        { op: 'write', pid: 1, addr: pageAddr(0), npages: pages, value: 7 },
      ],
    } as Parameters<typeof runScenario>[0]);
    const write = frames.at(-1);
    if (!write) throw new Error('no frame');
    expect(write.events.length).toBeGreaterThan(pages);
    expect(eventArray(packEvents(write.events))).toEqual(write.events);
  });
});
