/**
 * Shared layout of the built-in scenarios: one buffer at 0x10000000 (like the selftests' mmap
 * hint), addressed by page index, and the selftests' data patterns (ptr[i] = i, mirror = -i),
 * scaled down to one integer per page.
 */
import { PAGE_SIZE } from '../../model/types';

export const BASE = 0x10000000;

/** The byte address of page `i` of the buffer, as a hex string. */
export const at = (i: number): string => `0x${(BASE + i * PAGE_SIZE).toString(16)}`;

/** [f(0), f(1), ..., f(n - 1)]; by default the selftests' pattern ptr[i] = i. */
export const iota = (n: number, f: (i: number) => number = (i) => i): number[] =>
  Array.from({ length: n }, (_, i) => f(i));

/** The selftests' mirror pattern -i (with +0, not -0, for page 0). */
export const negIota = (n: number): number[] => iota(n, (i) => 0 - i);
