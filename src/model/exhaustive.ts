/**
 * The end of every switch over a union: the compiler proves the value cannot get here (adding a
 * member to the union makes every switch that forgot it a type error), and if an unchecked value
 * gets here at run time anyway (a cast, bad input), it throws instead of returning undefined.
 */
export function exhaustive(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}
