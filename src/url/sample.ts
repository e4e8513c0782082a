/**
 * A deterministic "lecture-like" custom scenario of any length, for measuring link lengths
 * (scripts/link-lengths.ts) and for the size test: two devices, two processes, a few mappings,
 * then a seeded mix of CPU accesses, migrations, mprotect, fork and gup with a short note on
 * every tenth step.
 */
import type { Scenario, ScenarioStep } from '../scenarios';

/** Park–Miller minimal standard generator: deterministic, no Math.random. */
function lcg(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

const BASES = [0x10000000, 0x20000000, 0x7f0000000000];
const NOTES = [
  'Each store faults first: do_anonymous_page() allocates a zeroed page.',
  'migrate_vma() moves the range to device memory; the PTEs become device-private entries.',
  'A CPU load of a device page faults into the driver, which migrates exactly that page back.',
  'fork() copies the PTEs; device-private entries are copied as read-only (COW).',
];

export function lectureScenario(length: number, seed = 1): Scenario {
  const rnd = lcg(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const steps: ScenarioStep[] = [
    { op: 'device_add', device: 'dmirror0', type: 'private' },
    { op: 'device_add', device: 'dmirror1', type: 'public' },
    { op: 'spawn', pid: 1 },
    { op: 'spawn', pid: 2 },
  ];
  const pids = [1, 2];
  for (const pid of pids) {
    for (const base of BASES) {
      steps.push({
        op: 'mmap',
        pid,
        addr: base,
        npages: 16,
        prot: 'rw',
        flags: ['private', 'anonymous'],
      });
    }
  }
  let nextPid = 3;
  while (steps.length < length) {
    const pid = pick(pids);
    const addr = pick(BASES) + int(0, 12) * 4096;
    const npages = int(1, 4);
    const device = pick(['dmirror0', 'dmirror1']);
    const r = rnd();
    let step: ScenarioStep;
    if (r < 0.25) {
      const v0 = int(0, 99);
      const values =
        rnd() < 0.5
          ? Array.from({ length: npages }, (_, i) => v0 + i)
          : Array.from({ length: npages }, () => v0);
      step = { op: 'write', pid, addr, npages, values };
    } else if (r < 0.45) step = { op: 'read', pid, addr, npages };
    else if (r < 0.6) step = { op: 'dmirror_migrate_to_dev', device, pid, addr, npages };
    else if (r < 0.7) step = { op: 'dmirror_migrate_to_sys', device, pid, addr, npages };
    else if (r < 0.77) step = { op: 'dmirror_read', device, pid, addr, npages };
    else if (r < 0.82) step = { op: 'dmirror_snapshot', device, pid, addr, npages };
    else if (r < 0.87)
      step = {
        op: 'mprotect',
        pid,
        addr,
        npages,
        prot: pick(['r', 'rw', 'none', 'rx', 'rwx'] as const),
      };
    else if (r < 0.9 && nextPid < 8) {
      step = { op: 'fork', pid, child: nextPid };
      pids.push(nextPid++);
    } else if (r < 0.95)
      step = { op: 'gup', pid, addr, npages, flags: rnd() < 0.5 ? ['write'] : [] };
    else step = { op: 'madvise', pid, addr, npages, advice: 'dontneed' };
    steps.push(steps.length % 10 === 0 ? { ...step, note: pick(NOTES) } : step);
  }
  return {
    schema: 'hmm-scenario/1',
    title: `Generated lecture scenario (${length} steps)`,
    era: 'v4.14',
    machine: { ramPages: 4096, physBits: 46 },
    steps,
  };
}

type Step = Record<string, unknown> & { readonly op: string };

/**
 * A custom scenario of `length` steps assembled from whole built-ins with their notes (issue 12:
 * "a 200-step scenario assembled from built-in steps with their notes"): the library in a seeded
 * order, each built-in's steps in turn until `length`, its pids moved to a range of their own, a
 * device added again skipped, a repeated step id suffixed. `library` is the built-in list (the
 * caller's: this file stays out of the app's library chunks).
 */
export function notedScenario(
  length: number,
  seed: number,
  library: readonly Scenario[],
): Scenario {
  const rnd = lcg(seed);
  const order = [...library];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j] as Scenario, order[i] as Scenario];
  }
  const steps: Step[] = [];
  const devices = new Set<string>();
  const ids = new Set<string>();
  order.forEach((builtin, k) => {
    const pid = (p: unknown) => (typeof p === 'number' ? p + 100 * (k + 1) : p);
    for (const original of builtin.steps) {
      if (steps.length >= length) return;
      const step: Step = { ...(original as unknown as Step) };
      if (step.op === 'device_add') {
        if (devices.has(step.device as string)) continue;
        devices.add(step.device as string);
      }
      if ('pid' in step) step.pid = pid(step.pid);
      if ('child' in step) step.child = pid(step.child);
      if (typeof step.id === 'string') {
        const id = ids.has(step.id) ? `${step.id}-${k}` : step.id;
        step.id = id;
        ids.add(id);
      }
      steps.push(step);
    }
  });
  return {
    schema: 'hmm-scenario/1',
    title: `Built-in steps with their notes (${length} steps)`,
    era: 'v4.14',
    machine: { ramPages: 4096, physBits: 46 },
    steps: steps as unknown as ScenarioStep[],
  };
}
