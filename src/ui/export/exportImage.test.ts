import { describe, expect, it } from 'vitest';
import { imageName, slug } from './exportImage';

describe('image names', () => {
  it('slug between words, never empty', () => {
    expect(slug('Migrate to device memory, fault back on CPU access')).toBe(
      'migrate-to-device-memory-fault-back-on-cpu',
    );
    expect(slug('')).toBe('scenario');
    expect(slug('../..')).toBe('scenario');
    expect(slug('a'.repeat(80))).toHaveLength(48);
  });
  it('name scenario, step and view', () => {
    expect(imageName('Fork & COW', 3, 'page-tables', 'svg')).toBe(
      'hmm-fork-cow-step3-page-tables.svg',
    );
  });
});
