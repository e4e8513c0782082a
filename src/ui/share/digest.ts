/**
 * A short fingerprint of one frame (the kernel state in the contract's JSON, the step's result and
 * its violations): two people looking at the same link can compare eight hex digits. FNV-1a, not a
 * security hash; computed only when the Share panel asks for it.
 */
import { snapshotState } from '../../model';
import type { Frame } from '../../store/model';

export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function frameDigest(frame: Frame): string {
  return fnv1a(
    JSON.stringify({
      state: snapshotState(frame.state),
      result: frame.result,
      violations: frame.violations,
    }),
  );
}
