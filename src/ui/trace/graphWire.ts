/**
 * Send object graphs that share structure over many messages without copying what was sent
 * before. The trace worker streams checkpoint states (issue 12): each shares most of its nodes
 * with the one before (immer's structural sharing), but a structured clone copies everything a
 * message reaches, so a state split over N messages would cost N copies. The sender replaces a node
 * it already sent by a reference to its number; both sides number new nodes in the same order
 * (depth first, parents before children, as the structured clone keeps keys and indexes), so the
 * receiver finds each reference in its table and rebuilds the very graph, shared as it was.
 * Plain objects and arrays only (a kernel state is nothing else).
 *
 * A graph with more new nodes than a message should carry (a state after a write of 8,192 pages:
 * its chunk took 56–70 ms to receive on the page, one task) goes instead as batches of shallow
 * nodes, children first, each node's children references to nodes numbered before it; its root is
 * then a reference too. Each batch is a message, a task, of its own (encodeBounded, take).
 */

/** The key of a reference: a character no state key uses. */
const REF = '\u0000ref';

interface Ref {
  readonly [REF]: number;
}

const isRef = (v: object): v is Ref => Object.prototype.hasOwnProperty.call(v, REF);

/** A graph as encodeBounded sends it: batches of nodes ahead, then the message with its root. */
export interface BoundedGraph {
  readonly batches: readonly (readonly unknown[])[];
  readonly root: unknown;
}

export class GraphSender {
  private readonly ids = new WeakMap<object, number>();
  private next = 0;
  /** The nodes the encode in progress numbered, while encodeBounded may take them back. */
  private fresh: object[] | null = null;

  /** `value` with every node sent before replaced by a reference (new nodes copied shallowly). */
  encode(value: unknown): unknown {
    if (typeof value !== 'object' || value === null) return value;
    const id = this.ids.get(value);
    if (id !== undefined) return { [REF]: id } satisfies Ref;
    this.ids.set(value, this.next++);
    this.fresh?.push(value);
    if (Array.isArray(value)) {
      const out = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) out[i] = this.encode(value[i]);
      return out;
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) out[k] = this.encode((value as Record<string, unknown>)[k]);
    return out;
  }

  /**
   * `value` as encode sends it when it has at most `maxNodes` new nodes; otherwise in batches of
   * at most `maxNodes` shallow nodes (the receiver takes each before the root's message).
   */
  encodeBounded(value: unknown, maxNodes: number): BoundedGraph {
    const from = this.next;
    const fresh: object[] = [];
    this.fresh = fresh;
    let root: unknown;
    try {
      root = this.encode(value);
    } finally {
      this.fresh = null;
    }
    if (fresh.length <= maxNodes) return { batches: [], root };
    // Too many for one message: the numbers given are taken back and given again, children first.
    for (const o of fresh) this.ids.delete(o);
    this.next = from;
    return this.encodeBatches(value, maxNodes);
  }

  private encodeBatches(value: unknown, maxNodes: number): BoundedGraph {
    const batches: unknown[][] = [];
    let batch: unknown[] = [];
    // Children before their parent: a node's children are all numbered when it is, so a batch
    // refers only to nodes of its own or earlier batches (a state is a tree of shared nodes, no
    // cycles).
    const emit = (v: unknown): unknown => {
      if (typeof v !== 'object' || v === null) return v;
      const known = this.ids.get(v);
      if (known !== undefined) return { [REF]: known } satisfies Ref;
      let out: unknown;
      if (Array.isArray(v)) {
        const a = new Array<unknown>(v.length);
        for (let i = 0; i < v.length; i++) a[i] = emit(v[i]);
        out = a;
      } else {
        const o: Record<string, unknown> = {};
        for (const k of Object.keys(v)) o[k] = emit((v as Record<string, unknown>)[k]);
        out = o;
      }
      const id = this.next++;
      this.ids.set(v, id);
      batch.push(out);
      if (batch.length >= maxNodes) {
        batches.push(batch);
        batch = [];
      }
      return { [REF]: id } satisfies Ref;
    };
    const root = emit(value);
    if (batch.length > 0) batches.push(batch);
    return { batches, root };
  }
}

/** Strings no longer than this are kept once (see GraphReceiver.strings). */
const INTERN_MAX = 64;

export class GraphReceiver {
  private readonly nodes: object[] = [];
  /**
   * One copy of each short string: a structured clone makes a new string for every value it
   * carries, so the kernel state's kinds and names ('present', 'system', 'dmirror0'), one shared
   * constant in the worker, were a string per node here (a 100,000-step trace's checkpoints took
   * 80 MB on the main thread against the worker's 71 MB for its whole trace).
   */
  private readonly strings = new Map<string, string>();

  private intern(s: string): string {
    if (s.length > INTERN_MAX) return s;
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }

  /** Rebuild what `encode` sent (the received copy is rebuilt in place). */
  decode(value: unknown): unknown {
    if (typeof value === 'string') return this.intern(value);
    if (typeof value !== 'object' || value === null) return value;
    if (isRef(value)) {
      const node = this.nodes[value[REF]];
      if (!node) throw new Error(`unknown node ${value[REF]}`);
      return node;
    }
    this.nodes.push(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = this.decode(value[i]);
      return value;
    }
    const o = value as Record<string, unknown>;
    for (const k of Object.keys(o)) o[k] = this.decode(o[k]);
    return o;
  }

  /**
   * Number the nodes of one of encodeBounded's batches, in order (each rebuilt in place): a
   * batched node's children are values or references to nodes numbered before it.
   */
  take(batch: readonly unknown[]): void {
    for (const node of batch) {
      const o = node as Record<string, unknown>;
      for (const k of Object.keys(o)) o[k] = this.decode(o[k]);
      this.nodes.push(o);
    }
  }
}
