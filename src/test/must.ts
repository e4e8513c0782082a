/** A value a test expects to exist: throws (failing the test) instead of a non-null assertion. */
export function must<T>(x: T | null | undefined, what = 'value'): T {
  if (x === null || x === undefined) throw new Error(`expected a ${what}`);
  return x;
}
