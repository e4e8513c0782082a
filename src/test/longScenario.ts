/**
 * A long scenario of small steps on one mapping, for the long-scenario benches and the app's
 * 100,000-step e2e: each page in turn is migrated to the device, faulted back by a CPU read,
 * written, and read through the device's mirror (the model bench's loop). A scenario document as
 * a file holds it (plain JSON, not yet validated).
 */
/** Where the generated scenarios map their pages. */
const BASE = 0x10000000;
const hex = (n: number): string => `0x${n.toString(16)}`;
/** The address of the `i`th page of the mapping. */
export const pageAddr = (i: number): string => hex(BASE + i * 4096);

/**
 * The setup every generated scenario starts with: a private device (dmirror0), process 1, and an
 * anonymous private read-write mapping of `pages` pages at BASE.
 */
export function privateMappingSetup(pages: number): object[] {
  return [
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
}

export function longScenario(
  steps: number,
  opts: { readonly pages: number; readonly title: string },
): object {
  const { pages, title } = opts;
  const out = privateMappingSetup(pages);
  for (let i = 0; out.length < steps; i++) {
    const one = { pid: 1, addr: pageAddr(i % pages), npages: 1 };
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
