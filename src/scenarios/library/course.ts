/**
 * The library as a course: groups in teaching order, each scenario with one line saying what the
 * learner will see. Data beside the library, read by the scenario picker; a built-in this table
 * does not list still shows, in the selftests group (ids starting with `selftest-`) or at the end.
 */
/** What the course needs of a built-in: the catalog's id and title (its document loads later). */
export interface CourseInput {
  readonly id: string;
  readonly title: string;
}

export interface CourseItem {
  readonly id: string;
  /** What the learner will see, one line, plain words. */
  readonly see: string;
}

export interface CourseGroup {
  readonly id: string;
  readonly title: string;
  readonly items: readonly CourseItem[];
}

export const COURSE: readonly CourseGroup[] = [
  {
    id: 'start',
    title: 'Start here',
    items: [
      {
        id: 'migrate-and-fault-back',
        see: 'Pages move into device memory, and one CPU load brings a page back.',
      },
    ],
  },
  {
    id: 'device-private',
    title: 'Device-private basics',
    items: [
      {
        id: 'device-private-lifecycle',
        see: 'One device page from the free list, into a page table, and back to the driver.',
      },
      {
        id: 'readonly-migrate-back',
        see: 'A store to device memory needs two faults in v4.14: the page comes back read-only.',
      },
      {
        id: 'munmap-exit-device-pages',
        see: 'Unmapping or exiting hands device pages straight back to the driver.',
      },
      {
        id: 'mprotect-device-private',
        see: 'mprotect() to the same flags is a no-op; any change makes device entries read-only.',
      },
      {
        id: 'mprotect-exec-loses-write',
        see: 'Adding PROT_EXEC still makes a device-private entry read-only.',
      },
      {
        id: 'madvise-device-pages',
        see: 'MADV_FREE keeps device pages; MADV_DONTNEED releases them.',
      },
      {
        id: 'gup-pins-device-page',
        see: 'Pinning a page first brings it home, and the pin then blocks migration.',
      },
    ],
  },
  {
    id: 'fork',
    title: 'fork and copy-on-write',
    items: [
      {
        id: 'fork-cow-device-private',
        see: 'fork() shares device pages read-only; the child livelocks until it exits.',
      },
    ],
  },
  {
    id: 'hotplug',
    title: 'Hotplug',
    items: [
      {
        id: 'hotplug-two-devices',
        see: 'Two drivers each claim 256 MiB of physical address space below the last.',
      },
      {
        id: 'hotplug-remove-while-mapped',
        see: 'Removing device memory that a process still maps breaks an invariant.',
      },
    ],
  },
  {
    id: 'public',
    title: 'DEVICE_PUBLIC',
    items: [
      {
        id: 'device-public-cpu-access',
        see: 'The CPU maps coherent device memory directly: loads and stores need no fault.',
      },
      {
        id: 'device-public-cow-hole',
        see: 'A copy-on-write of a public page leaks its mapping (a v4.14 bug).',
      },
      {
        id: 'device-public-cow-hole-no-fork',
        see: 'The same leak with no fork: mprotect, then a store.',
      },
      {
        id: 'device-public-shmem-refault',
        see: 'A public page comes back through shmem as a plain PTE (a v4.14 bug).',
      },
    ],
  },
  {
    id: 'failures',
    title: 'Failure paths',
    items: [
      {
        id: 'device-error-sigbus',
        see: 'The device breaks and a CPU access to its memory gets SIGBUS.',
      },
      {
        id: 'hwpoison-sigbus',
        see: 'A bad RAM frame is poisoned; the next access gets SIGBUS.',
      },
      {
        id: 'fault-oom',
        see: 'No RAM to copy a page home into: the fault ends out of memory.',
      },
      {
        id: 'tiny-machine-oom',
        see: 'A 16-page machine fills up and device pages cannot come home.',
      },
    ],
  },
  {
    id: 'selftests',
    title: 'The kernel’s own selftests (hmm-tests.c)',
    items: [
      { id: 'selftest-anon-read', see: 'The device reads untouched, zero and written pages.' },
      { id: 'selftest-anon-read-prot', see: 'PROT_NONE memory cannot be read by the device.' },
      { id: 'selftest-anon-write', see: 'A device write allocates the pages it needs.' },
      { id: 'selftest-anon-write-prot', see: 'A device write to read-only memory fails.' },
      { id: 'selftest-anon-write-child', see: 'A child writes through its own device mirror.' },
      {
        id: 'selftest-anon-write-child-migrate',
        see: 'The same, with pages on the device: the child livelocks.',
      },
      { id: 'selftest-anon-write-child-shared', see: 'Shared memory is never copied on write.' },
      { id: 'selftest-migrate', see: 'Four pages move to the device and read back.' },
      {
        id: 'selftest-migrate-fault',
        see: 'CPU faults bring half the pages back; they migrate again.',
      },
      {
        id: 'selftest-migrate-release',
        see: 'The driver releases its memory; v6.12 evicts the pages first.',
      },
      { id: 'selftest-migrate-shared', see: 'Shared memory refuses to become device-private.' },
      { id: 'selftest-migrate-mixed', see: 'Holes, PROT_NONE and another device’s pages.' },
      { id: 'selftest-migrate-multiple', see: 'Migrate and fault back, round after round.' },
      { id: 'selftest-anon-read-multiple', see: 'The device reads fresh buffers again and again.' },
      { id: 'selftest-snapshot', see: 'What the device sees of seven kinds of PTE.' },
      { id: 'selftest-double-map', see: 'Two devices read the same memory.' },
      { id: 'selftest-hmm-gup-test', see: 'get_user_pages() on device pages faults them home.' },
      {
        id: 'selftest-hmm-cow-in-device',
        see: 'The parent writes while a child shares device pages.',
      },
    ],
  },
  {
    id: 'inflight',
    title: 'Migration in flight',
    items: [
      {
        id: 'migration-entry-wait',
        see: 'A load sleeps on a migration entry and retries when the migration resumes.',
      },
      {
        id: 'migration-entry-munmap',
        see: 'Zapping migration entries mid-migration: nothing is left to restore.',
      },
      {
        id: 'migration-entry-fork',
        see: 'fork() copies a migration entry; resume maps the page in every mm.',
      },
      {
        id: 'migration-fail-restores',
        see: 'A failed copy puts the old pages back and wakes a CPU and a device sleeper.',
      },
    ],
  },
];

export interface CourseEntry {
  readonly id: string;
  readonly title: string;
  readonly see: string;
}

export interface CourseSection {
  readonly id: string;
  readonly title: string;
  readonly entries: readonly CourseEntry[];
}

/**
 * The course over the given built-ins: the listed ones in order, the rest appended (selftest ports
 * to the selftests group, anything else to a last group), ids that are not built-ins dropped.
 */
export function courseOf(builtins: readonly CourseInput[]): CourseSection[] {
  const byId = new Map(builtins.map((s) => [s.id, s]));
  const listed = new Set(COURSE.flatMap((g) => g.items.map((i) => i.id)));
  const entry = (s: CourseInput, see: string): CourseEntry => ({ id: s.id, title: s.title, see });
  const unlisted = builtins.filter((s) => !listed.has(s.id));
  const sections: CourseSection[] = COURSE.map((g) => {
    const entries: CourseEntry[] = [];
    for (const i of g.items) {
      const s = byId.get(i.id);
      if (s) entries.push(entry(s, i.see));
    }
    if (g.id === 'selftests')
      for (const s of unlisted) if (s.id.startsWith('selftest-')) entries.push(entry(s, s.title));
    return { id: g.id, title: g.title, entries };
  });
  const rest = unlisted.filter((s) => !s.id.startsWith('selftest-'));
  if (rest.length > 0)
    sections.push({ id: 'more', title: 'More', entries: rest.map((s) => entry(s, s.title)) });
  return sections.filter((s) => s.entries.length > 0);
}
