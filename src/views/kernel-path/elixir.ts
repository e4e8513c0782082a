/** Links into the kernel source on Elixir: v4.14, except files that did not exist yet. */
const ELIXIR = 'https://elixir.bootlin.com/linux/';

/**
 * The model's driver imitates lib/test_hmm.c, which first shipped in v5.7: link the real one there.
 */
const LATER: Readonly<Record<string, string>> = {
  'lib/test_hmm.c': 'v5.7',
  'lib/test_hmm_uapi.h': 'v5.7',
};

export interface SourceLink {
  readonly url: string;
  readonly version: string;
}

/** The Elixir link of a kernel source file, or null for anything that is not a plain path. */
export function elixirLink(file: string): SourceLink | null {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.\-/]*$/.test(file) || file.includes('..')) return null;
  const version = LATER[file] ?? 'v4.14';
  return { url: `${ELIXIR}${version}/source/${file}`, version };
}

export function elixirUrl(file: string): string | null {
  return elixirLink(file)?.url ?? null;
}
