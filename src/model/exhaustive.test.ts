import { describe, expect, it } from 'vitest';
import { exhaustive } from './exhaustive';

describe('exhaustive', () => {
  it('throws, naming the value, when an unchecked value reaches it at run time', () => {
    const sneaky = { kind: 'unknown' } as unknown as never;
    expect(() => exhaustive(sneaky)).toThrow('unexpected value: {"kind":"unknown"}');
  });
});
