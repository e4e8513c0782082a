/** What the shell needs to know about the scenario library (titles and summaries to pick from). */
export interface LibraryEntry {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  /** What the learner will see, one line (scenarios/library/course.ts). */
  readonly see: string;
}

/** One group of the course, in teaching order. */
export interface LibrarySection {
  readonly id: string;
  readonly title: string;
  readonly entries: readonly LibraryEntry[];
}

export interface Library {
  /** Every entry, in course order. */
  readonly entries: readonly LibraryEntry[];
  readonly sections: readonly LibrarySection[];
  /** Load a built-in scenario into the store by id. */
  readonly load: (id: string) => void;
}
