import { describe, expect, it } from 'vitest';
import { own } from './own';
import { fns, last, run } from '../test/modelKit';

const MEMBERS = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'];

describe('own: lookups by an outside name see own properties only', () => {
  it('finds no Object.prototype member in a plain record', () => {
    const devices: Record<string, number> = { dmirror0: 1 };
    for (const name of MEMBERS) expect(own(devices, name)).toBeUndefined();
    expect(own(devices, 'dmirror0')).toBe(1);
  });

  // The schema refuses these names; the model must not depend on it (a link, a test, a future
  // format). dmirror_probe's "already registered?" check read devices[id] and said EBUSY.
  it.each(MEMBERS)('dmirror_probe registers a device named %s (no false EBUSY)', (name) => {
    const f = last(run([{ op: 'device_add', device: name, type: 'private' }]));
    expect(f.result?.ret).toBe(0);
    expect(Object.hasOwn(f.state.devices, name)).toBe(true);
    expect(fns(f)).toContain('hmm_devmem_add');
  });

  it.each(MEMBERS)('inject and device_remove of an unknown %s leave the kernel sane', (name) => {
    const frames = run([
      { op: 'device_add', device: 'dmirror0', type: 'private' },
      { op: 'inject', device: name, fault: 'oom' },
      { op: 'device_remove', device: name },
    ]);
    for (const f of frames) expect(f.violations).toEqual([]);
  });
});
