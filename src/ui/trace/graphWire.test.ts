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

  describe('a graph too big for one message', () => {
    /** What the worker posts for `value`: its batches, then its root, each a structured clone. */
    function sendBounded(
      sender: GraphSender,
      receiver: GraphReceiver,
      value: unknown,
      max: number,
    ): { value: unknown; batches: number[] } {
      const { batches, root } = sender.encodeBounded(value, max);
      for (const b of batches) receiver.take(structuredClone(b));
      return {
        value: receiver.decode(structuredClone(root)),
        batches: batches.map((b) => b.length),
      };
    }
    const many = { pages: Array.from({ length: 40 }, (_, i) => page(i)), name: 'dmirror0' };

    it('goes as batches of at most the limit, and is rebuilt equal, sharing included', () => {
      const sender = new GraphSender();
      const receiver = new GraphReceiver();
      const got = sendBounded(sender, receiver, many, 16);
      // 40 pages, their rmaps, the shared mapping, the array and the root: 83 nodes.
      expect(got.batches).toEqual([16, 16, 16, 16, 16, 3]);
      expect(got.value).toEqual(many);
      const v = got.value as typeof many;
      expect(v.pages[3]?.mapping).toBe(v.pages[30]?.mapping);
    });

    it('a later message refers to batched nodes, and a small one still goes whole', () => {
      const sender = new GraphSender();
      const receiver = new GraphReceiver();
      const a = sendBounded(sender, receiver, many, 16).value as typeof many;
      const next = { ...many, pages: [...many.pages.slice(0, 39), page(99)] };
      const b = sendBounded(sender, receiver, next, 16);
      // Only the new page, its rmap, the array and the root are new: one message, no batch.
      expect(b.batches).toEqual([]);
      const v = b.value as typeof many;
      expect(v).toEqual(next);
      expect(v.pages[0]).toBe(a.pages[0]);
      expect(v.pages[39]).not.toBe(a.pages[39]);
    });

    it('a batch that refers to a node not sent is refused', () => {
      const receiver = new GraphReceiver();
      expect(() => {
        receiver.take([{ child: { '\u0000ref': 5 } }]);
      }).toThrow(/unknown node 5/);
    });
  });
});
