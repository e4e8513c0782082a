import { describe, expect, it } from 'vitest';
import { runScenario } from '../../model';
import { V612_NAMES } from '../../model/eras/v6_12/names';
import { builtinScenarios } from './all';

/** Every (function, file) a built-in's steps report in an era. */
function eventsOf(era: 'v4.14' | 'v6.12') {
  return builtinScenarios.flatMap((s) =>
    runScenario({ ...s, era }).flatMap((f) => f.events.map((e) => ({ id: s.id, ...e }))),
  );
}

// Every v6.12 step names the v6.12 functions and files (docs/kernel-notes-v6.12.md): no v4.14
// name the shared core traces, and no MIGRATE_PFN_LOCKED ("mm/migrate.c: remove
// MIGRATE_PFN_LOCKED", v5.16).
describe('the kernel functions a step names, per era', () => {
  const v612 = eventsOf('v6.12');
  const v414 = eventsOf('v4.14');

  it('v6.12 traces name no function v6.12 renamed', () => {
    const renamed = new Set(
      [...V612_NAMES].filter(([old, now]) => old !== now.fn).map(([old]) => old),
    );
    for (const old of ['hmm_devmem_add', 'migrate_vma', 'migrate_vma_prepare', 'hmm_vma_get_pfns'])
      renamed.add(old);
    const stale = v612.filter((e) => renamed.has(e.fn)).map((e) => `${e.id}: ${e.fn}`);
    expect(stale).toEqual([]);
  });

  it('v6.12 traces never name MIGRATE_PFN_LOCKED (removed in v5.16)', () => {
    const named = v612.filter((e) => /LOCKED/.test(e.text)).map((e) => `${e.id}: ${e.text}`);
    expect(named).toEqual([]);
  });

  it('v4.14 traces name MIGRATE_PFN_LOCKED where migrate_vma_collect_pmd sets it', () => {
    const collect = v414.filter(
      (e) => e.fn === 'migrate_vma_collect_pmd' && e.text.includes('MIGRATE_PFN_LOCKED'),
    );
    expect(collect.length).toBeGreaterThan(0);
    expect(v414.some((e) => e.fn === 'page_add_new_anon_rmap')).toBe(true);
  });

  it('v6.12 migrate_vma_* functions cite mm/migrate_device.c', () => {
    const wrong = v612
      .filter((e) => /^migrate_vma_(setup|collect|pages|finalize)/.test(e.fn))
      .filter((e) => e.file !== 'mm/migrate_device.c')
      .map((e) => `${e.fn} ${e.file}`);
    expect([...new Set(wrong)]).toEqual([]);
  });
});
