/**
 * Walk two sparse radix tables (src/model/table.ts) side by side and report the keys whose values
 * differ. Tables are structurally shared between frames (immer), so a node that is the same object
 * in both is skipped without looking inside: the walk costs what the step changed, not what the
 * machine holds.
 */
import type { Table, TableNode } from '../../model';
import { TABLE_LEAF_SIZE as LEAF_SIZE } from '../../model';

type Node<V> = TableNode<V> | undefined;

/** The root seen at `height` levels: a shorter table's root is slot 0 of empty nodes above it. */
function lifted<V>(t: Table<V> | undefined, height: number): Node<V> {
  if (!t?.root) return undefined;
  let n: TableNode<V> = t.root;
  for (let h = t.height; h < height; h++) {
    const up = new Array<V | TableNode<V> | undefined>(LEAF_SIZE).fill(undefined);
    up[0] = n;
    n = up;
  }
  return n;
}

export function diffTable<V>(
  a: Table<V> | undefined,
  b: Table<V> | undefined,
  visit: (key: number, before: V | undefined, after: V | undefined) => void,
): void {
  if (a === b) return;
  const height = Math.max(a?.height ?? 0, b?.height ?? 0);
  if (height === 0) return;
  const walk = (x: Node<V>, y: Node<V>, level: number, base: number): void => {
    if (x === y) return;
    if (level === 0) {
      for (let i = 0; i < LEAF_SIZE; i++) {
        const va = x?.[i] as V | undefined;
        const vb = y?.[i] as V | undefined;
        if (va !== vb) visit(base + i, va, vb);
      }
      return;
    }
    const span = LEAF_SIZE ** level;
    for (let i = 0; i < LEAF_SIZE; i++)
      walk(x?.[i] as Node<V>, y?.[i] as Node<V>, level - 1, base + i * span);
  };
  walk(lifted(a, height), lifted(b, height), height - 1, 0);
}
