/** Links into the v4.14 source on Elixir. Only repository-relative paths become links. */
const BASE = 'https://elixir.bootlin.com/linux/v4.14/source/';

/** The Elixir URL of a kernel source file, or null for anything that is not a plain path. */
export function elixirUrl(file: string): string | null {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.\-/]*$/.test(file) || file.includes('..')) return null;
  return `${BASE}${file}`;
}
