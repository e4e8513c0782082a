/**
 * JSON.stringify(value, null, 2), byte for byte, as a stream of chunks: a result with a state per
 * step, or a final state listing millions of PTEs, is more text than one string may hold (V8 stops
 * at ~512 MB: "Invalid string length", issue 11/12). Small values are stringified whole; large
 * arrays and objects are walked, so no chunk grows with the scenario. A value may be an iterator
 * (the result's steps), printed as an array and consumed as it is printed; a `Later` value is
 * computed only when the printing reaches it (the result's final state, known once the steps are).
 */

/** A value computed when the stream reaches it, e.g. after the iterator printed before it ran. */
export class Later {
  constructor(readonly compute: () => unknown) {}
}

/** Values holding at most this many values are printed by one JSON.stringify. */
const WHOLE = 64;

const isIterator = (v: unknown): v is Iterator<unknown> =>
  typeof v === 'object' && v !== null && typeof (v as Iterator<unknown>).next === 'function';

const indent = (text: string, pad: string): string => text.replace(/\n/g, `\n${pad}`);

/** Entries JSON.stringify would print (it drops undefined and functions in objects). */
function entriesOf(o: object): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    out.push([k, v]);
  }
  return out;
}

export function* jsonChunks(value: unknown, pad = ''): Generator<string> {
  if (value instanceof Later) {
    yield* jsonChunks(value.compute(), pad);
    return;
  }
  const inner = `${pad}  `;
  if (isIterator(value)) {
    let first = true;
    for (let r = value.next(); r.done !== true; r = value.next()) {
      yield `${first ? '[\n' : ',\n'}${inner}`;
      yield* jsonChunks(r.value, inner);
      first = false;
    }
    yield first ? '[]' : `\n${pad}]`;
    return;
  }
  if (Array.isArray(value) && isLarge(value)) {
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? '[\n' : ',\n'}${inner}`;
      // JSON.stringify prints undefined in an array as null.
      const v: unknown = value[i];
      yield* jsonChunks(v === undefined || typeof v === 'function' ? null : v, inner);
    }
    yield `\n${pad}]`;
    return;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const entries = entriesOf(value);
    const big = isLarge(value);
    if (big && typeof (value as { toJSON?: unknown }).toJSON !== 'function') {
      if (entries.length === 0) {
        yield '{}';
        return;
      }
      let first = true;
      for (const [k, v] of entries) {
        yield `${first ? '{\n' : ',\n'}${inner}${JSON.stringify(k)}: `;
        yield* jsonChunks(v, inner);
        first = false;
      }
      yield `\n${pad}}`;
      return;
    }
  }
  // JSON.stringify(undefined) is undefined, whatever its declared type says.
  const whole = JSON.stringify(value, null, 2) as string | undefined;
  yield indent(whole ?? 'null', pad);
}

/** Worth walking: more than WHOLE values inside it (counted only until WHOLE is passed). */
function isLarge(v: unknown): boolean {
  let n = 0;
  const visit = (x: unknown): boolean => {
    if (isIterator(x) || x instanceof Later) return true;
    if (typeof x !== 'object' || x === null) return (n += 1) > WHOLE;
    for (const y of Array.isArray(x) ? x : Object.values(x)) if (visit(y)) return true;
    return (n += 1) > WHOLE;
  };
  return visit(v);
}
