/**
 * Is this the same scenario? Structural equality of validated scenario documents (plain JSON, a
 * few levels deep): the rule of the encoder's own check (sameData in src/url/encode.ts), kept here
 * because importing that module would pull the compressor into the main chunk.
 */
export function sameDoc(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && sameDoc(ra[k], rb[k]));
}
