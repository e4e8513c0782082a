import { describe, expect, it } from 'vitest';
import { elixirUrl } from './elixir';

describe('elixirUrl', () => {
  it('links a source path into v4.14', () => {
    expect(elixirUrl('mm/migrate.c')).toBe(
      'https://elixir.bootlin.com/linux/v4.14/source/mm/migrate.c',
    );
  });
  it('links the test driver where it exists (v5.7)', () => {
    expect(elixirUrl('lib/test_hmm.c')).toBe(
      'https://elixir.bootlin.com/linux/v5.7/source/lib/test_hmm.c',
    );
  });
  it('links the v6.12 era into v6.12.19, the tree it was checked against', () => {
    expect(elixirUrl('mm/migrate_device.c', 'v6.12')).toBe(
      'https://elixir.bootlin.com/linux/v6.12.19/source/mm/migrate_device.c',
    );
    expect(elixirUrl('lib/test_hmm.c', 'v6.12')).toBe(
      'https://elixir.bootlin.com/linux/v6.12.19/source/lib/test_hmm.c',
    );
  });
  it('refuses anything that is not a plain relative path', () => {
    for (const bad of ['', '/etc/passwd', '../x', 'javascript:alert(1)', 'mm/a b.c', 'https://x'])
      expect(elixirUrl(bad)).toBeNull();
  });
});
