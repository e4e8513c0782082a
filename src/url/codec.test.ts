import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asDeviceId, asPfn, asPid, asVpn } from '../model/ids';
import { parseScenarioValue } from '../scenarios';
import { builtinScenarios } from '../scenarios/library/all';
import { decodeBase64url, encodeBase64url } from './base64url';
import { compactScenario } from './compact';
import { encodeFragment, LECTURE_LINK_CHARS } from './encode';
import { expandCompact } from './expand';
import { deflateRaw, inflateRawCapped } from './flate';
import { formatFragment, parseFragmentParams } from './fragment';
import { lectureScenario } from './sample';
import { longScenario } from '../test/longScenario';
import { ingestFragmentSync } from '../ingest';
import { decodeSelection, encodeSelection, type Selection } from './selection';

const MiB = 1024 * 1024;

/** The platform's base64, turned into unpadded base64url. */
const reference = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

describe('base64url', () => {
  it('round-trips any bytes and agrees with Node', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = encodeBase64url(bytes);
        expect(text).toBe(reference(bytes));
        expect(decodeBase64url(text)).toEqual({ ok: true, bytes });
      }),
      { numRuns: 300 },
    );
  });
  it('refuses foreign characters, padding and impossible lengths', () => {
    expect(decodeBase64url('ab+c')).toEqual({ ok: false, problem: 'alphabet' });
    expect(decodeBase64url('abc=')).toEqual({ ok: false, problem: 'alphabet' });
    expect(decodeBase64url('abcde')).toEqual({ ok: false, problem: 'truncated' });
    expect(decodeBase64url('é')).toEqual({ ok: false, problem: 'alphabet' });
    // 'AB' leaves non-zero bits in the unused tail: not a canonical spelling.
    expect(decodeBase64url('AB')).toEqual({ ok: false, problem: 'truncated' });
  });
});

describe('capped inflate', () => {
  it('round-trips and reports truncation and corruption', () => {
    const data = new TextEncoder().encode('hello device memory '.repeat(50));
    const packed = deflateRaw(data);
    expect(inflateRawCapped(packed, MiB)).toEqual({ ok: true, bytes: data });
    expect(inflateRawCapped(packed.subarray(0, packed.length - 2), MiB)).toMatchObject({
      ok: false,
      problem: 'truncated',
    });
    expect(inflateRawCapped(new Uint8Array([0xff, 0xff, 0xff]), MiB)).toMatchObject({ ok: false });
    expect(inflateRawCapped(new Uint8Array(0), MiB)).toMatchObject({ ok: false });
  });
  it('stops a bomb at the cap, quickly', () => {
    const bomb = deflateRaw(new Uint8Array(16 * MiB));
    expect(bomb.length).toBeLessThan(17_000);
    const small = deflateRaw(new Uint8Array(2 * MiB));
    expect(small.length).toBeLessThan(4096);
    for (const b of [bomb, small]) {
      // Refusal time is measured in npm run bench (scripts/link-lengths.ts), not asserted here.
      expect(inflateRawCapped(b, MiB)).toEqual({ ok: false, problem: 'too-large' });
    }
    expect(inflateRawCapped(deflateRaw(new Uint8Array(MiB)), MiB).ok).toBe(true);
  });
});

describe('fragment parameters', () => {
  it('reads known keys, ignores unknown ones, refuses repeats', () => {
    expect(parseFragmentParams('#v=1&s=x&t=3&zz=1')).toEqual({
      ok: true,
      params: { v: '1', s: 'x', t: '3' },
      unknown: ['zz'],
    });
    expect(parseFragmentParams('#v=1&v=1')).toEqual({ ok: false, problem: 'duplicate' });
    expect(parseFragmentParams('#v')).toEqual({ ok: false, problem: 'syntax' });
    expect(parseFragmentParams('#v=%E0%A4%A')).toEqual({ ok: false, problem: 'syntax' });
    expect(parseFragmentParams('#')).toEqual({ ok: false, problem: 'empty' });
    expect(formatFragment({ t: '2', v: '1', s: 'a' })).toBe('#v=1&s=a&t=2');
  });
});

describe('selection', () => {
  const cases: Selection[] = [
    { kind: 'page', pfn: asPfn(0x3ffff0000) },
    { kind: 'pte', pid: asPid(1), vpn: asVpn(0x10000) },
    { kind: 'pte', pid: asPid(7), vpn: asVpn(2 ** 35 - 1) },
    { kind: 'device', device: asDeviceId('dmirror0') },
  ];
  it('round-trips in readable hex', () => {
    expect(cases.map(encodeSelection)).toEqual([
      'pfn.3ffff0000',
      'pte.1.10000000',
      'pte.7.7ffffffff000',
      'dev.dmirror0',
    ]);
    for (const sel of cases) expect(decodeSelection(encodeSelection(sel))).toEqual(sel);
  });
  it('reads nothing it cannot vouch for', () => {
    for (const bad of [
      '',
      'pfn.',
      'pfn.XYZ',
      'pfn.-1',
      'pte.1.1001',
      'pte.01.1000',
      'pte.1',
      'dev.',
      'dev.__proto__',
      'pfn.10000000000',
      'x.1',
    ])
      expect(decodeSelection(bad)).toBeNull();
  });
});

describe('compact form', () => {
  it('expands back to a document the schema turns into the same scenario', () => {
    const s = lectureScenario(120, 7);
    const back = expandCompact(JSON.parse(JSON.stringify(compactScenario(s))));
    expect(back.ok).toBe(true);
  });
  it('refuses broken structure with a reason', () => {
    const good = compactScenario(lectureScenario(12, 3));
    const broken = (f: (c: unknown[]) => void) => {
      const c = JSON.parse(JSON.stringify(good)) as unknown[];
      f(c);
      return expandCompact(c);
    };
    expect(broken((c) => (c[0] = 2))).toEqual({ ok: false, problem: 'unknown compact format' });
    expect(broken((c) => (c[1] as number[]).push(99))).toMatchObject({ ok: false });
    expect(broken((c) => (c[1] as number[]).push(0))).toMatchObject({ ok: false });
    expect(broken((c) => ((c[2] as number[][])[0] ?? []).push(1))).toEqual({
      ok: false,
      problem: 'extra data',
    });
    expect(broken((c) => (c[3] = [5, 0]))).toEqual({ ok: false, problem: 'address table' });
    expect(broken((c) => (c[4] = 'x'))).toEqual({ ok: false, problem: 'no list of devices' });
    expect(expandCompact({})).toMatchObject({ ok: false });
  });
  it('carries chapters, noteFor and focus in appended items, and an older link stays as it was', () => {
    const plain = lectureScenario(12, 3);
    const lesson = {
      ...plain,
      chapters: [
        { title: 'Start', from: 1 },
        { title: 'Later', from: 7 },
      ],
      steps: plain.steps.map((s, i) =>
        i === 2 ? { ...s, note: 'n', noteFor: 'ret 0', focus: 'pte 1 0x10000000' } : s,
      ),
    };
    const c = compactScenario(lesson);
    expect(c.slice(13)).toEqual([
      [1, 'Start', 7, 'Later'],
      [2, 'ret 0'],
      [2, 'pte 1 0x10000000'],
    ]);
    const back = expandCompact(JSON.parse(JSON.stringify(c)));
    if (!back.ok) throw new Error(back.problem);
    const again = parseScenarioValue(back.doc);
    if (!again.ok) throw new Error(again.error);
    const canon = parseScenarioValue(lesson);
    if (!canon.ok) throw new Error(canon.error);
    expect(again.scenario).toEqual(canon.scenario);
    // Without lesson fields the compact form has no new items: old links and new ones agree.
    expect(compactScenario(plain).length).toBeLessThanOrEqual(13);
    expect(encodeFragment({ source: { kind: 'custom', scenario: lesson } })).toMatchObject({
      ok: true,
      form: 'compact',
    });
  });
  it('refuses broken lesson items', () => {
    const c = compactScenario(lectureScenario(4, 3));
    const pad = (extra: unknown[]): unknown[] => [
      ...c,
      ...Array.from({ length: 13 - c.length }, () => null),
      ...extra,
    ];
    expect(expandCompact(pad([[1]]))).toEqual({ ok: false, problem: 'chapters' });
    expect(expandCompact(pad([null, [99, 'x']]))).toEqual({ ok: false, problem: 'noteFors' });
    expect(expandCompact(pad([null, null, [1, 'map', 0, 'map']]))).toEqual({
      ok: false,
      problem: 'focuses',
    });
    expect(expandCompact(pad([null, null, null, null]))).toEqual({
      ok: false,
      problem: 'too many fields',
    });
    // A focus the schema does not know is the schema's to refuse, with its own message.
    const odd = expandCompact(pad([null, null, [1, 'pte one']]));
    if (!odd.ok) throw new Error(odd.problem);
    expect(parseScenarioValue(odd.doc)).toMatchObject({ ok: false });
  });
});

describe('link lengths (G-P9)', () => {
  it('built-in links are short: #v=1&s=<id>&t=<N>', () => {
    for (const s of builtinScenarios) {
      const r = encodeFragment({ source: { kind: 'builtin', id: s.id }, step: s.steps.length });
      expect(r).toEqual({
        ok: true,
        fragment: `#v=1&s=${s.id}&t=${s.steps.length}`,
        form: 'builtin',
        long: false,
      });
      if (r.ok) expect(r.fragment.length).toBeLessThanOrEqual(200);
    }
  });
  it('a 200-step custom scenario fits a lecture link (≤ 2,000 characters)', () => {
    for (const seed of [1, 2, 3]) {
      const r = encodeFragment({
        source: { kind: 'custom', scenario: lectureScenario(200, seed) },
        step: 200,
        selection: { kind: 'pte', pid: asPid(1), vpn: asVpn(0x10000) },
      });
      expect(r.ok && r.form).toBe('compact');
      if (r.ok) expect(r.fragment.length).toBeLessThanOrEqual(LECTURE_LINK_CHARS);
    }
  });
  it('refuses what it cannot encode instead of making a bad link', () => {
    expect(encodeFragment({ source: { kind: 'builtin', id: 'nope' } })).toMatchObject({
      ok: false,
    });
    expect(encodeFragment({ source: { kind: 'builtin', id: 'constructor' } })).toMatchObject({
      ok: false,
    });
    const s = lectureScenario(10);
    expect(encodeFragment({ source: { kind: 'custom', scenario: s }, step: 11 })).toMatchObject({
      ok: false,
    });
    expect(encodeFragment({ source: { kind: 'custom', scenario: s }, step: -1 })).toMatchObject({
      ok: false,
    });
    const huge = {
      ...s,
      steps: [...s.steps, { op: 'read' as const, pid: 1, addr: 0x10000000, npages: 65536 }],
    };
    const many = { ...huge, steps: Array.from({ length: 20 }, () => huge.steps).flat() };
    expect(encodeFragment({ source: { kind: 'custom', scenario: many } })).toMatchObject({
      ok: false,
    });
  });

  it('never makes a link the reader refuses: a text over the 1 MiB inflate cap is not a link', () => {
    // A repetitive scenario deflates ~230:1: 100,000 steps are an 8,587-character link whose
    // text is 1.9 MiB, which every reader refuses (payload.ts MAX_PAYLOAD_BYTES).
    const parsed = (n: number) => {
      const r = parseScenarioValue(longScenario(n, { pages: 64, title: `Long ${n}` }));
      if (!r.ok) throw new Error(r.error);
      return r.scenario;
    };
    const big = encodeFragment({ source: { kind: 'custom', scenario: parsed(100_000) } });
    expect(big.ok).toBe(false);
    if (!big.ok) expect(big.error).toMatch(/too large for a link .*MiB.*export it as a file/);
    // Just under the cap it is a link, and it opens.
    const under = encodeFragment({ source: { kind: 'custom', scenario: parsed(40_000) } });
    if (!under.ok) throw new Error(under.error);
    const read = ingestFragmentSync(under.fragment);
    expect(read.ok && read.scenario.steps.length).toBe(40_000);
  });
});
