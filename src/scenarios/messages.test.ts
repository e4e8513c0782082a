/** Messages that misled (issue 11 §4): each names what is wrong, in one line. */
import { describe, expect, it } from 'vitest';
import { parseScenario } from './index';

const SPAWN = { op: 'spawn', pid: 1 };
const doc = (steps: unknown[], top: Record<string, unknown> = {}) =>
  JSON.stringify({ schema: 'hmm-scenario/1', ...top, steps });
const mmap = (flags: string[]) => ({
  op: 'mmap',
  pid: 1,
  addr: '0x10000000',
  npages: 1,
  prot: 'rw',
  flags,
});
const error = (text: string) => {
  const r = parseScenario(text);
  return r.ok ? 'ok' : r.error;
};

describe('schema messages', () => {
  it('a step that is an array is "not an object", not a missing op', () => {
    expect(error(doc([SPAWN, ['mmap', 1]]))).toBe(
      'step 2 (steps[1]): must be an object, got an array',
    );
  });

  it('machine: [] is "not an object", not an unknown field', () => {
    expect(error(doc([], { machine: [] }))).toBe(
      'field "machine": must be an object, got an array',
    );
    expect(error(doc([], { machine: [4096] }))).toBe(
      'field "machine": must be an object, got an array',
    );
  });

  it('refuses a repeated flag and private with shared', () => {
    expect(error(doc([SPAWN, mmap(['private', 'anonymous', 'private'])]))).toBe(
      'step 2 (mmap, steps[1]): field "flags": must not repeat a flag',
    );
    expect(error(doc([SPAWN, mmap(['private', 'shared'])]))).toBe(
      'step 2 (mmap, steps[1]): field "flags": cannot be both "private" and "shared"',
    );
    expect(
      error(
        doc([
          SPAWN,
          mmap(['private', 'anonymous']),
          { op: 'gup', pid: 1, addr: '0x10000000', npages: 1, flags: ['write', 'write'] },
        ]),
      ),
    ).toBe('step 3 (gup, steps[2]): field "flags": must not repeat a flag');
    expect(error(doc([SPAWN, mmap(['shared', 'anonymous'])]))).toBe('ok');
  });

  it('escapes C1 controls, bidi overrides and line separators it quotes (C0 by JSON)', () => {
    const e = error(doc([{ op: 'mmap\u001b]0;T\u0007\u009b31m\u202e\u2028' }]));
    expect(e).toBe(
      'step 1 (steps[0]): field "op": unknown op "mmap\\u001b]0;T\\u0007\\u009b31m\\u202e\\u2028"',
    );
    expect(e).not.toMatch(/[\p{Cc}\u202e\u2028]/u);
  });
});
