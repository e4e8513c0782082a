/**
 * The fixed hostile corpus of G-S2 (test-only): every input here must be refused, or opened,
 * with a one-line message and without an exception, a hang or a polluted prototype.
 */
import { encodeBase64url } from '../url/base64url';
import { dictionaryOf, encodeRefs, MAX_DICTIONARY_BYTES } from '../url/dictionary';
import { LINK_TABLE_V2 } from '../url/dictionary/v2';
import { deflateRaw } from '../url/flate';
import { encodePayload } from '../url/payload';

const enc = new TextEncoder();
const link = (bytes: Uint8Array): string => `#v=1&c=${encodeBase64url(deflateRaw(bytes))}`;
const jsonLink = (text: string): string => link(enc.encode(text));

const DEPTH = 10_000;
const deepArray = '['.repeat(DEPTH) + ']'.repeat(DEPTH);
const deepObject = '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH);
const spawn = '{"op":"spawn","pid":1}';
const doc = (steps: string, extra = '') => `{"schema":"hmm-scenario/1"${extra},"steps":[${steps}]}`;

/** `__proto__`, `constructor` and `prototype` keys at every level of a document. */
const POISON =
  '"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"prototype":{"polluted":1}';
const poisoned = [
  doc(spawn, `,${POISON}`),
  doc(`{"op":"spawn","pid":1,${POISON}}`),
  doc(spawn, `,"machine":{"ramPages":4096,${POISON}}`),
  `{${POISON},"schema":"hmm-scenario/1","steps":[]}`,
  doc(`{"op":"write","pid":1,"addr":0,"npages":1,"values":{${POISON}}}`),
  `{"schema":{${POISON}},"steps":[]}`,
  `{"schema":"__proto__","steps":[]}`,
  `{"schema":"constructor","steps":[]}`,
  doc(`{"op":"__proto__","pid":1}`),
  doc(`{"op":"device_add","device":"__proto__","type":"private"}`),
  doc(`{"op":"device_add","device":"constructor","type":"private"}`),
  doc(`{"op":"device_add","device":"toString","type":"private"}`),
  // The same in the compact form: objects and keys where the tables expect indexes.
  `[1,[0],[[{${POISON}}]]]`,
  `[1,[11],[null,null,null,null,null,null,null,null,null,[0],[0]],null,["__proto__"]]`,
  `[1,[0],[[1]],null,null,[0,{${POISON}}]]`,
  `[1,{${POISON}}]`,
];

/** Numbers JSON can write but a scenario must never hold (and -0, which it may). */
const numbers = ['1e308', '-1e308', '1e309', '5e-324', '9007199254740993', '0.5', '1e21'].flatMap(
  (n) => [
    doc(`{"op":"spawn","pid":${n}}`),
    doc(`${spawn},{"op":"mmap","pid":1,"addr":${n},"npages":1,"prot":"rw","flags":["private"]}`),
    doc(`${spawn},{"op":"write","pid":1,"addr":0,"npages":1,"values":[${n}]}`),
    `[1,[${n}]]`,
    `[1,[7],[[1],[0],[${n}]],[0]]`,
    `[1,[7],[[1],[0],[1]],[${n}]]`,
    `[1,[],null,null,null,null,null,null,null,null,null,${n}]`,
  ],
);

function invalidUtf8(): Uint8Array[] {
  const valid = enc.encode(doc(spawn, ',"title":"xx"'));
  const at = valid.indexOf(0x78); // the first 'x'
  const patched = (bad: number[]) => {
    const out = new Uint8Array(valid.length + bad.length);
    out.set(valid.subarray(0, at));
    out.set(bad, at);
    out.set(valid.subarray(at), at + bad.length);
    return out;
  };
  return [
    [0xff],
    [0xc0, 0xaf],
    [0xed, 0xa0, 0x80],
    [0xf4, 0x90, 0x80, 0x80],
    [0xe2, 0x82],
    [0x80],
  ].map(patched);
}

/** 2 MiB that deflates to a few KB: it must stop at the 1 MiB cap. */
const bombs = (): string[] => [
  link(new Uint8Array(2 * 1024 * 1024)),
  link(enc.encode('['.repeat(2 * 1024 * 1024))),
  jsonLink(doc(spawn, `,"title":"${'a'.repeat(1024 * 1024)}"`)),
];

/** A v=2 payload: a table-reference header (raw bytes) and DEFLATE data after it. */
const v2 = (head: readonly number[] | Uint8Array, body: Uint8Array): string => {
  const bytes = new Uint8Array(head.length + body.length);
  bytes.set(head);
  bytes.set(body, head.length);
  return `#v=2&c=${encodeBase64url(bytes)}`;
};
/** Table entries 0..n-1, their dictionary just past DEFLATE's window. */
function overTheWindow(): number[] {
  const refs: number[] = [];
  while (dictionaryOf(refs).length <= MAX_DICTIONARY_BYTES && refs.length < LINK_TABLE_V2.length)
    refs.push(refs.length);
  return refs;
}

/** Link format v=2's header (dictionary.ts), broken every way it can be. */
function v2Cases(valid: string): [string, string][] {
  const two = [0, 1];
  const packed = (text: string) => deflateRaw(enc.encode(text), dictionaryOf(two));
  const validPayload = valid.startsWith('#v=2&c=') ? (valid.split('&')[1] ?? '').slice(2) : '';
  return [
    ['v2 ref past the table', v2([1, 0xa0, 0x8d, 0x06], packed('[]'))],
    ['v2 negative ref', v2([1, 1], packed('[]'))],
    ['v2 varint of four bytes', v2([0x80, 0x80, 0x80, 0x01], packed('[]'))],
    ['v2 too many refs', v2([0x81, 0x20, ...new Array<number>(4096).fill(0)], packed('[]'))],
    ['v2 dictionary over the window', v2(encodeRefs(overTheWindow()), packed('[]'))],
    ['v2 header cut short', v2([5, 0, 0], new Uint8Array(0))],
    ['v2 no DEFLATE data', v2(encodeRefs(two), new Uint8Array(0))],
    ['v2 empty payload', '#v=2&c='],
    [
      'v2 bomb',
      v2(encodeRefs(two), deflateRaw(new Uint8Array(2 * 1024 * 1024), dictionaryOf(two))),
    ],
    ['v2 depth 10^4 arrays', v2(encodeRefs(two), packed(deepArray))],
    ['v2 prototype keys', v2(encodeRefs(two), packed(poisoned[0] ?? ''))],
    [
      'v2 invalid UTF-8',
      v2(encodeRefs(two), deflateRaw(invalidUtf8()[0] ?? new Uint8Array(), dictionaryOf(two))),
    ],
    ...(validPayload === ''
      ? []
      : ([
          ['v2 payload read as v=1', `#v=1&c=${validPayload}`],
          // Opened or refused, never thrown: another dictionary turns the text into other text.
          ['another dictionary', `#v=2&c=${validPayload.replace(/^./, 'A')}`],
        ] as [string, string][])),
  ];
}

export interface HostileCase {
  readonly name: string;
  readonly fragment: string;
}

/**
 * `valid` is a working custom link; `validV2`, if given, a working link of format v=2 (the
 * v=2 cases cut and edit it).
 */
export function hostileFragments(valid: string, validV2 = ''): HostileCase[] {
  const cases: HostileCase[] = [];
  const add = (name: string, fragment: string) => cases.push({ name, fragment });
  add('depth 10^4 arrays', jsonLink(deepArray));
  add('depth 10^4 objects', jsonLink(deepObject));
  add('depth 10^4 in a step', jsonLink(doc(`{"op":"spawn","pid":1,"note":${deepArray}}`)));
  add('depth 10^4 as steps', jsonLink(`{"schema":"hmm-scenario/1","steps":${deepArray}}`));
  add('depth 10^4 in a compact column', jsonLink(`[1,[0],[${deepArray}]]`));
  add(
    'depth 10^4 as the note of a compact step',
    jsonLink(`[1,[0],[[1]],null,null,[0,${deepArray}]]`),
  );
  poisoned.forEach((p, i) => add(`prototype keys ${i}`, jsonLink(p)));
  numbers.forEach((n, i) => add(`extreme number ${i}`, jsonLink(n)));
  add(
    'negative zero',
    jsonLink(doc(`${spawn},{"op":"write","pid":1,"addr":-0,"npages":1,"values":[-0]}`)),
  );
  invalidUtf8().forEach((b, i) => add(`invalid UTF-8 ${i}`, link(b)));
  bombs().forEach((b, i) => add(`bomb ${i} (${b.length} chars)`, b));
  add('64 MiB bomb over the size cap', link(new Uint8Array(64 * 1024 * 1024)));
  add('1 MB string in the fragment', `#v=1&s=${'a'.repeat(1_000_000)}`);
  add(
    '1 MB title',
    '#v=1&c=' +
      encodePayload({ schema: 'hmm-scenario/1', title: 'x'.repeat(1_000_000), steps: [] }),
  );
  add('array-typed keys', jsonLink(`{"schema":"hmm-scenario/1","steps":[],"[\\"__proto__\\"]":1}`));
  // Cut the payload itself (a cut `&t=30` would still be a valid link).
  const payload = valid.split('&')[1] ?? '';
  for (const cut of [1, 2, 3, 5, Math.floor(payload.length / 2)])
    add(`truncated by ${cut}`, `#v=1&${payload.slice(0, -cut)}`);
  for (const v of ['0', '3', '999999', 'abc', '1.0', '01', '-1', '', '1e0', '%33'])
    add(`version ${JSON.stringify(v)}`, valid.replace('v=1', `v=${v}`));
  add('no payload', '#v=1&c=');
  add('both s and c', `${valid}&s=migrate-and-fault-back`);
  add('padding', `${valid.split('&')[1] ?? ''}==`);
  add('not JSON', link(enc.encode('{"schema":')));
  add('NaN literal', jsonLink(doc(`{"op":"spawn","pid":NaN}`)));
  add('empty JSON array', jsonLink('[]'));
  add('JSON null', jsonLink('null'));
  add('JSON string', jsonLink('"hmm-scenario/1"'));
  add(
    'value amplification',
    jsonLink(
      doc(`${spawn}${`,{"op":"write","pid":1,"addr":0,"npages":65536,"value":1}`.repeat(10_000)}`),
    ),
  );
  add(
    'run amplification',
    jsonLink(
      `[1,[${'8,'.repeat(9999)}8],[[${'1,'.repeat(9999)}1],[${'0,'.repeat(9999)}0],[${'65536,'.repeat(9999)}65536],null,null,null,null,[${'[1],'.repeat(9999)}[1]]],[0]]`,
    ),
  );
  for (const [name, hash] of v2Cases(validV2)) add(name, hash);
  const payload2 = validV2.split('&')[1] ?? '';
  if (payload2 !== '')
    for (const cut of [1, 2, 3, 5, Math.floor(payload2.length / 2), payload2.length - 6])
      add(`v2 truncated by ${cut}`, `#v=2&${payload2.slice(0, -cut)}`);
  add('step out of range', '#v=1&s=migrate-and-fault-back&t=99999999');
  add('control characters', '#v=1&s=%00%0a%E2%80%A8');
  add('lone surrogate', '#v=1&s=\ud800');
  return cases;
}
