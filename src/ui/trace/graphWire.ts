/**
 * Send object graphs that share structure over many messages without copying what was sent
 * before. The trace worker streams checkpoint states (issue 12): each shares most of its nodes
 * with the one before (immer's structural sharing), but a structured clone copies everything a
 * message reaches, so a state split over N messages would cost N copies. The sender replaces a node
 * it already sent by a reference to its number; both sides number new nodes in the same order
 * (depth first, parents before children, as the structured clone keeps keys and indexes), so the
 * receiver finds each reference in its table and rebuilds the very graph, shared as it was.
 * Plain objects and arrays only (a kernel state is nothing else).
 */

/** The key of a reference: a character no state key uses. */
const REF = '\u0000ref';

interface Ref {
  readonly [REF]: number;
}

const isRef = (v: object): v is Ref => Object.prototype.hasOwnProperty.call(v, REF);

export class GraphSender {
  private readonly ids = new WeakMap<object, number>();
  private next = 0;

  /** `value` with every node sent before replaced by a reference (new nodes copied shallowly). */
  encode(value: unknown): unknown {
    if (typeof value !== 'object' || value === null) return value;
    const id = this.ids.get(value);
    if (id !== undefined) return { [REF]: id } satisfies Ref;
    this.ids.set(value, this.next++);
    if (Array.isArray(value)) {
      const out = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) out[i] = this.encode(value[i]);
      return out;
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) out[k] = this.encode((value as Record<string, unknown>)[k]);
    return out;
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
}
