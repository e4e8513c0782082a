/** The short tour of the views: each stop names a region by its test id and says what it shows. */
export interface TourStop {
  /** data-testid of the region; a stop whose region is not on screen is skipped. */
  readonly target: string;
  readonly title: string;
  readonly text: string;
}

export const TOUR: readonly TourStop[] = [
  {
    target: 'transport',
    title: 'Transport and timeline',
    text: 'Step forward with → (or PageDown on a clicker), back with ←, play with Space. Marks on the timeline show faults, migrations and signals; hover one for its step. F6 moves the keyboard to the next panel, Shift+F6 back.',
  },
  {
    target: 'view-kernel-path',
    title: 'This step',
    text: 'What the step does: the narration, the same in plain words, and the kernel functions it ran.',
  },
  {
    target: 'view-page-tables',
    title: 'Page tables',
    text: 'Each process and its page-table entries: where every page of its memory lives right now.',
  },
  {
    target: 'view-device',
    title: 'Device memory',
    text: 'The device’s pages and the driver’s free list, and the device’s own mirror of the page table.',
  },
  {
    target: 'view-physical',
    title: 'Physical address space',
    text: 'Every page frame of RAM and device memory. Changed frames are outlined; click one to inspect it.',
  },
];
