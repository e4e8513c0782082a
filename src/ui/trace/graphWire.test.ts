/**
 * The graph wire (graphWire.ts): object graphs sent over several structured clones, each node
 * once, rebuilt on the other side with the sharing they had.
 */
import { describe, expect, it } from 'vitest';
import { GraphReceiver, GraphSender } from './graphWire';

/** One message each way, as postMessage carries it. */
function send(sender: GraphSender, receiver: GraphReceiver, value: unknown): unknown {
  return receiver.decode(structuredClone(sender.encode(value)));
}

describe('GraphSender → GraphReceiver', () => {
  const shared = { kind: 'anon' as const };
  const page = (pfn: number) => ({ pfn, memory: 'system', mapping: shared, rmap: [] as number[] });
  const first = { pages: [page(1), page(2)], name: 'dmirror0', counters: { faults: 0 } };
  // The next state shares its first page and the mapping, as immer's next state would.
  const second = {
    pages: [first.pages[0], { ...page(2), rmap: [7] }],
    name: 'dmirror0',
    counters: { faults: 1 },
  };

  it('rebuilds each state equal to what was sent, strings and numbers included', () => {
    const sender = new GraphSender();
    const receiver = new GraphReceiver();
    expect(send(sender, receiver, first)).toEqual(first);
    expect(send(sender, receiver, second)).toEqual(second);
    expect(send(sender, receiver, 'present')).toBe('present');
    expect(send(sender, receiver, ['device-private', 3, null])).toEqual([
      'device-private',
      3,
      null,
    ]);
  });

  it('a node sent before is the same object on the other side, not a copy', () => {
    const sender = new GraphSender();
    const receiver = new GraphReceiver();
    const a = send(sender, receiver, first) as typeof first;
    const b = send(sender, receiver, second) as typeof second;
    expect(b.pages[0]).toBe(a.pages[0]);
    expect(b.pages[1]?.mapping).toBe(a.pages[0]?.mapping);
    expect(b.pages[1]).not.toBe(a.pages[1]);
    expect(b.counters).not.toBe(a.counters);
  });

  it('the second message carries only what the first did not', () => {
    const sender = new GraphSender();
    sender.encode(first);
    const wire = JSON.stringify(sender.encode(second));
    // The shared page travels as a reference: its pfn 1 is not in the second message.
    expect(wire).not.toContain('"pfn":1');
    expect(wire).toContain('"pfn":2');
  });

  it('a long string is received as it was sent', () => {
    const long = 'x'.repeat(200);
    const sender = new GraphSender();
    const receiver = new GraphReceiver();
    expect(send(sender, receiver, { note: long, kind: 'present' })).toEqual({
      note: long,
      kind: 'present',
    });
  });
});
