import { ERAS, loadEra, type Era } from '../../model';
import { useApp, useAppApi } from '../../store/context';
import { selectCompare, selectEra } from '../../store/selectors';

/** What each era stands for, for the selector's tooltip (kernel-semantics.md §4.1). */
const ERA_TITLES: Readonly<Record<Era, string>> = {
  'v4.14': 'Linux v4.14 (2017): hmm_devmem_add, migrate_vma(ops), DEVICE_PUBLIC',
  'v6.12': 'Linux v6.12 (2024): memremap_pages, migrate_vma_setup/pages/finalize, DEVICE_COHERENT',
};

const isEra = (x: string): x is Era => (ERAS as readonly string[]).includes(x);

/**
 * The kernel era the scenario runs in, and the era it is compared with (side by side on one
 * timeline). Each change is one store write (setEra or compareWith), made once the era's kernel
 * image has loaded.
 */
export function EraControls() {
  const api = useAppApi();
  const era = useApp(selectEra);
  const compare = useApp(selectCompare);
  return (
    <div className="era-controls" role="group" aria-label="Kernel era">
      <label title={ERA_TITLES[era]}>
        Kernel{' '}
        <select
          value={era}
          data-testid="era-picker"
          onChange={(e) => {
            const next = e.currentTarget.value;
            // An era's kernel image is a chunk of its own: load it, then one store write.
            if (isEra(next))
              void loadEra(next).then(() => {
                api.getState().setEra(next);
              });
          }}
        >
          {ERAS.map((x) => (
            <option key={x} value={x} title={ERA_TITLES[x]}>
              {x}
            </option>
          ))}
        </select>
      </label>
      <label>
        Compare with{' '}
        <select
          value={compare?.era ?? ''}
          data-testid="compare-picker"
          onChange={(e) => {
            const next = e.currentTarget.value;
            if (!isEra(next)) api.getState().compareWith(null);
            else
              void loadEra(next).then(() => {
                api.getState().compareWith(next);
              });
          }}
        >
          <option value="">—</option>
          {ERAS.filter((x) => x !== era).map((x) => (
            <option key={x} value={x} title={ERA_TITLES[x]}>
              {x}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
