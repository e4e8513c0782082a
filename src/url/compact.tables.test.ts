import { describe, expect, it } from 'vitest';
import { ENUMS, FIELDS, FLAG_SETS, OPS, keyOf } from './compact';

// Link format v=1 stores indexes into these tables. They are derived from the model's op table
// now; this test holds them to the values links were written with (append only).
describe('compact link tables (derived from src/model/opTable.ts)', () => {
  it('keep the v=1 column order', () => {
    expect(FIELDS).toEqual([
      'pid',
      'addr',
      'npages',
      'prot',
      'flags',
      'advice',
      'child',
      'values',
      'gupFlags',
      'device',
      'type',
      'fault',
    ]);
    expect(keyOf('gupFlags')).toBe('flags');
  });

  it('keep every v=1 op code and its fields', () => {
    const R = ['pid', 'addr', 'npages'];
    const D = ['device', ...R];
    expect(OPS.map(([name, fields]) => [name, [...fields]])).toEqual([
      ['spawn', ['pid']],
      ['mmap', [...R, 'prot', 'flags']],
      ['munmap', R],
      ['mprotect', [...R, 'prot']],
      ['madvise', [...R, 'advice']],
      ['fork', ['pid', 'child']],
      ['exit', ['pid']],
      ['read', R],
      ['write', [...R, 'values']],
      ['gup', [...R, 'gupFlags']],
      ['unpin', R],
      ['device_add', ['device', 'type']],
      ['device_remove', ['device']],
      ['dmirror_read', D],
      ['dmirror_write', [...D, 'values']],
      ['dmirror_migrate_to_dev', D],
      ['dmirror_migrate_to_sys', D],
      ['dmirror_snapshot', D],
      ['inject', ['device', 'fault']],
      ['dmirror_exclusive', D],
      ['dmirror_check_exclusive', D],
      ['dmirror_release', ['device']],
      ['memory_failure', R],
      ['migrate_pause', ['device']],
      ['migrate_resume', ['device']],
      ['migrate_fail', ['device']],
    ]);
  });

  it('keep the v=1 enum and flag indexes (later values may only be appended)', () => {
    const starts = (xs: readonly string[] | undefined, prefix: readonly string[]) => {
      expect(xs?.slice(0, prefix.length)).toEqual(prefix);
    };
    starts(ENUMS.prot, ['none', 'r', 'rw']);
    starts(ENUMS.advice, ['dontneed', 'free']);
    starts(ENUMS.type, ['private', 'public', 'coherent']);
    starts(ENUMS.fault, ['device-error', 'oom', 'none']);
    starts(FLAG_SETS.flags, ['private', 'shared', 'anonymous']);
    starts(FLAG_SETS.gupFlags, ['write', 'longterm']);
    expect(Object.keys(ENUMS).sort()).toEqual(['advice', 'fault', 'prot', 'type']);
    expect(Object.keys(FLAG_SETS).sort()).toEqual(['flags', 'gupFlags']);
  });
});
