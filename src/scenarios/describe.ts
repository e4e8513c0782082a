/**
 * Small helpers shared by the schema, the semantic checks and the error formatter. Nothing here may
 * recurse into user data: an input can be nested arbitrarily deep.
 */

const MAX_SHOWN = 40;

/** A short, one-line, non-recursive rendering of an offending input value. */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'undefined':
      return 'nothing';
    case 'string': {
      const s = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}...` : value;
      return escapeControls(JSON.stringify(s));
    }
    case 'number':
    case 'boolean':
      return String(value);
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? 'an array' : 'an object';
    default:
      return `a ${typeof value}`;
  }
}

/**
 * JSON.stringify escapes C0 controls (ESC, BEL) but prints C1 controls (U+0080–U+009F, e.g. CSI
 * U+009B), the line separators and the bidi overrides as they are; a terminal or a notice shown
 * them could be steered by the input. Escape them as JSON does its own.
 */
export function escapeControls(text: string): string {
  return text.replace(
    /[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * The step number a person sees for `steps[index]`: the transport's, where 0 is boot and 1 is the
 * first step. Every message, the editor and the chapters count this way.
 */
export function stepNumber(index: number): number {
  return index + 1;
}

/**
 * The `step 4 (mmap, steps[3])` prefix of an error message: the step as the transport counts it,
 * then its op (only when it is a known one) and its index in the file's `steps` array.
 */
export function stepLabel(index: number, op: unknown, knownOps: ReadonlySet<string>): string {
  const where = `steps[${index}]`;
  return typeof op === 'string' && knownOps.has(op)
    ? `step ${stepNumber(index)} (${op}, ${where})`
    : `step ${stepNumber(index)} (${where})`;
}

/** Collapses whitespace (messages are one line) and bounds the length. */
export function oneLine(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}...` : flat;
}
