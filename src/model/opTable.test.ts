import { describe, expect, it } from 'vitest';
import { FIELD_DEFS, OP_NAMES, OP_TABLE, isOpName } from './opTable';

describe('the op table', () => {
  it('gives every op a distinct link code, with no gaps', () => {
    const codes = OP_NAMES.map((op) => OP_TABLE[op].code).sort((a, b) => a - b);
    expect(codes).toEqual(OP_NAMES.map((_, i) => i));
  });

  it('lists each field of an op once, and only fields it defines', () => {
    for (const op of OP_NAMES) {
      const fields = OP_TABLE[op].fields;
      expect(new Set(fields).size).toBe(fields.length);
      const keys = fields.map((f) => FIELD_DEFS[f].key);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('knows its ops by own property only', () => {
    expect(isOpName('mmap')).toBe(true);
    expect(isOpName('toString')).toBe(false);
    expect(isOpName('__proto__')).toBe(false);
    expect(isOpName(3)).toBe(false);
  });
});
