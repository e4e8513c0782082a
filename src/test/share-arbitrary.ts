/**
 * fast-check generators for the share-link tests (test-only; nothing in the app imports this).
 * `scenarioDocArb` makes documents that are always valid: each step is drawn as an intent with
 * raw numbers and then bound to what exists (pids spawned, devices added), so no run is wasted.
 */
import fc from 'fast-check';

const OP_NAMES = [
  'spawn',
  'mmap',
  'munmap',
  'mprotect',
  'madvise',
  'fork',
  'exit',
  'read',
  'write',
  'gup',
  'unpin',
  'device_add',
  'device_remove',
  'dmirror_read',
  'dmirror_write',
  'dmirror_migrate_to_dev',
  'dmirror_migrate_to_sys',
  'dmirror_snapshot',
  'inject',
  'dmirror_exclusive',
  'dmirror_check_exclusive',
  'dmirror_release',
  'memory_failure',
] as const;

const PAGES_LIMIT = 2 ** 35;

/** Any string, lone surrogates and control characters included. */
export const anyText = (maxLength: number) =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({
      unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      maxLength,
    }),
  );

const intent = fc.record({
  op: fc.constantFrom(...OP_NAMES),
  a: fc.nat(),
  b: fc.nat(),
  page: fc.oneof(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: PAGES_LIMIT - 600 })),
  npages: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 512 })),
  values: fc.oneof(
    fc.integer({ min: -1000, max: 1000 }),
    fc.maxSafeInteger(),
    fc.array(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.maxSafeNat()), { maxLength: 8 }),
  ),
  run: fc.boolean(),
  pick: fc.array(fc.nat({ max: 3 }), { maxLength: 3 }),
  note: fc.option(anyText(60), { freq: 3 }),
  id: fc.option(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,8}$/), { freq: 6 }),
});

type Doc = Record<string, unknown>;

/** A safe stand-in for a run that left the safe integers. */
const i0 = (v: number): number => (v > 0 ? 1 : -1);

const choose = <T>(xs: readonly T[], n: number): T => xs[n % xs.length] as T;

type Intent = typeof intent extends fc.Arbitrary<infer T> ? T : never;

function bind(intents: readonly Intent[], top: Doc): Doc {
  const pids: number[] = [];
  const devices: string[] = [];
  const ids = new Set<string>();
  const steps: Doc[] = [];
  for (const it of intents) {
    const pid = pids.length > 0 ? choose(pids, it.a) : undefined;
    const device = devices.length > 0 ? choose(devices, it.b) : undefined;
    const addr = it.page * 4096;
    const range = { pid, addr, npages: it.npages };
    const given = it.values;
    const base = typeof given === 'number' ? given : (given[0] ?? 0);
    const run = Array.from({ length: it.npages }, (_, i) => base + i);
    const data = it.run
      ? { values: run.map((v) => (Number.isSafeInteger(v) ? v : i0(v))) }
      : typeof given === 'number'
        ? { value: given }
        : { values: run.map((_, i) => given[i % Math.max(1, given.length)] ?? i) };
    // The schema refuses a repeated flag, and private with shared (as mmap(2) does).
    const picked = [...new Set(it.pick.map((i) => choose(['private', 'shared', 'anonymous'], i)))];
    const flags3 = picked.includes('private') ? picked.filter((f) => f !== 'shared') : picked;
    const flags2 = [...new Set(it.pick.slice(0, 2).map((i) => choose(['write', 'longterm'], i)))];
    let step: Doc | null = null;
    switch (it.op) {
      case 'spawn':
      case 'fork': {
        const fresh = 1 + (it.a % 1000);
        if (pids.includes(fresh)) break;
        step =
          it.op === 'spawn' || pid === undefined
            ? { op: 'spawn', pid: fresh }
            : { op: 'fork', pid, child: fresh };
        pids.push(fresh);
        break;
      }
      case 'device_add': {
        const name = `dmirror${it.b % 100}`;
        if (devices.includes(name)) break;
        step = { op: it.op, device: name, type: choose(['private', 'public', 'coherent'], it.a) };
        devices.push(name);
        break;
      }
      case 'device_remove':
      case 'dmirror_release':
        if (device !== undefined) step = { op: it.op, device };
        break;
      case 'inject':
        if (device !== undefined)
          step = { op: it.op, device, fault: choose(['device-error', 'oom', 'none'], it.a) };
        break;
      case 'exit':
        if (pid !== undefined) step = { op: it.op, pid };
        break;
      default: {
        if (pid === undefined) break;
        const isDev = it.op.startsWith('dmirror_');
        if (isDev && device === undefined) break;
        step = isDev ? { op: it.op, device, ...range } : { op: it.op, ...range };
        if (it.op === 'mmap')
          Object.assign(step, { prot: choose(['none', 'r', 'rw'], it.b), flags: flags3 });
        if (it.op === 'mprotect') step.prot = choose(['none', 'r', 'rw'], it.b);
        if (it.op === 'madvise') step.advice = choose(['dontneed', 'free'], it.b);
        if (it.op === 'gup' && it.b % 3 !== 0) step.flags = flags2;
        if (it.op === 'write' || it.op === 'dmirror_write') Object.assign(step, data);
      }
    }
    if (step === null) continue;
    if (it.note !== null) step.note = it.note;
    if (it.id !== null && !ids.has(it.id)) {
      step.id = it.id;
      ids.add(it.id);
    }
    steps.push(step);
  }
  return { schema: 'hmm-scenario/1', ...top, steps };
}

const top = fc.record(
  {
    title: anyText(40),
    summary: anyText(80),
    id: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,12}$/),
    era: fc.constant('v4.14'),
    machine: fc.record(
      {
        ramPages: fc.integer({ min: 16, max: 1_048_576 }),
        physBits: fc.integer({ min: 36, max: 52 }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

/** A valid hmm-scenario/1 document of up to a few hundred steps (use size 'medium'). */
export const scenarioDocArb = fc
  .tuple(fc.array(intent, { size: 'medium' }), top)
  .map(([intents, t]) => bind(intents, t));
