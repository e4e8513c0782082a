/**
 * Is this the same scenario? Structural equality of validated scenario documents (plain JSON, a
 * few levels deep). One rule for the store (a link to the scenario on screen just seeks), the
 * share link (an edited-back copy of a built-in travels by id) and the encoder's round-trip check.
 * `===` on primitives: JSON has no -0, so a link cannot keep it apart from 0 anyway.
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
