/** What the shell needs to know about the scenario library (titles and summaries to pick from). */
export interface LibraryEntry {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
}

export interface Library {
  readonly entries: readonly LibraryEntry[];
  /** Load a built-in scenario into the store by id. */
  readonly load: (id: string) => void;
}
