/**
 * A long scenario of small steps on one mapping, for the long-scenario benches and the app's
 * 100,000-step e2e: each page in turn is migrated to the device, faulted back by a CPU read,
 * written, and read through the device's mirror (the model bench's loop). A scenario document as
 * a file holds it (plain JSON, not yet validated).
 */
const BASE = 0x10000000;
const hex = (n: number) => `0x${n.toString(16)}`;

export function longScenario(
  steps: number,
  opts: { readonly pages: number; readonly title: string },
): object {
  const { pages, title } = opts;
  const out: object[] = [
    { op: 'device_add', device: 'dmirror0', type: 'private' },
    { op: 'spawn', pid: 1 },
    {
      op: 'mmap',
      pid: 1,
      addr: hex(BASE),
      npages: pages,
      prot: 'rw',
      flags: ['private', 'anonymous'],
    },
  ];
  for (let i = 0; out.length < steps; i++) {
    const one = { pid: 1, addr: hex(BASE + (i % pages) * 4096), npages: 1 };
    switch (Math.floor(i / pages) % 4) {
      case 0:
        out.push({ op: 'dmirror_migrate_to_dev', device: 'dmirror0', ...one });
        break;
      case 1:
        out.push({ op: 'read', ...one });
        break;
      case 2:
        out.push({ op: 'write', ...one, value: i % 251 });
        break;
      default:
        out.push({ op: 'dmirror_read', device: 'dmirror0', ...one });
    }
  }
  return { schema: 'hmm-scenario/1', title, era: 'v4.14', steps: out };
}
