/**
 * Links into the kernel source on Elixir, at the era's own tag (v4.14, or v6.12 for the v6.12
 * era), except v4.14 files that did not exist yet.
 */
import type { Era } from '../../model';
import { eraSpec } from '../../model';

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
export function elixirLink(file: string, era: Era = 'v4.14'): SourceLink | null {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.\-/]*$/.test(file) || file.includes('..')) return null;
  // The v6.12 era is checked against v6.12.19; its trace names v6.12 files (mm/migrate_device.c).
  const version = era === 'v4.14' ? (LATER[file] ?? 'v4.14') : eraSpec(era).elixir;
  return { url: `${ELIXIR}${version}/source/${file}`, version };
}

export function elixirUrl(file: string, era: Era = 'v4.14'): string | null {
  return elixirLink(file, era)?.url ?? null;
}
