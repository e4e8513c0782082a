/**
 * What the shell needs to know about the scenario library: titles to pick from (the catalog; a
 * document, with its summary, loads when it is opened).
 */
export interface LibraryEntry {
  readonly id: string;
  readonly title: string;
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
  /**
   * Open a built-in scenario by id (one store write once its chunk has arrived). Resolves when it
   * is on screen; a chunk that cannot be fetched is said in a notice.
   */
  readonly load: (id: string) => Promise<void>;
}
