/**
 * The right column: each device's page table (the mirror) per mirrored mm, one row per entry with
 * its link to the frame; a table larger than the row budget shows a row per permission instead
 * (with counts and one bundled link each), plus the entries this step changed.
 */
import { dmirrorData, tableGet, tableRange, thousands as fmt } from '../../model';
import { addr, hex } from './describe';
import * as G from './geometry';
import { mirrorBundles } from './leafStats';
import type { SceneBuilder } from './sceneBuilder';
import { markOf } from './sceneBuilder';

/** Whether the map needs the mirror column at all. */
export function hasMirrors(b: Pick<SceneBuilder, 's' | 'ix'>): boolean {
  const { s, ix } = b;
  return (
    ix.mirrors.size > 0 ||
    ix.mirrorTables.size > 0 ||
    s.deviceOrder.some((d) => Object.keys(dmirrorData(s, d)?.mirrors ?? {}).length > 0)
  );
}

/**
 * Lays the mirror column out from `top` (G.TOP in its own column; under the processes when the
 * grid is stacked, with its title); returns its bottom.
 */
export function layoutMirrors(b: SceneBuilder, top: number): number {
  const { s, ix, col, M, budget } = b;
  let my = top;
  if (col.stacked) {
    b.node({
      id: 'col:mirror',
      kind: 'column',
      x: col.mirror,
      y: my,
      w: col.mirrorW,
      h: 22,
      label: 'Device page tables',
    });
    my += 30;
  }
  for (const dev of s.deviceOrder) {
    // The device page tables are the driver's own data (dev_get_drvdata), not the kernel's Device.
    const d = dmirrorData(s, dev);
    const pidsM = new Set(Object.keys(d?.mirrors ?? {}).map(Number));
    const changedM = ix.mirrors.get(dev);
    for (const pidN of changedM?.keys() ?? []) pidsM.add(pidN);
    // A table released this step (its mm exited) stays as a ghost where it was.
    for (const c of ix.mirrorTables.values()) if (c.device === dev) pidsM.add(c.pid);
    for (const pidN of [...pidsM].sort((p, q) => p - q)) {
      const t = d?.mirrors[pidN];
      const changed = changedM?.get(pidN);
      const tc = ix.mirrorTables.get(`${dev}:${pidN}`);
      const bundles = mirrorBundles(t, 0, Number.MAX_SAFE_INTEGER);
      const total = [...bundles.values()].reduce((n, x) => n + x.n, 0);
      const entries = `${fmt(total)} entr${total === 1 ? 'y' : 'ies'}`;
      const news = !tc ? '' : tc.after === null ? 'released' : 'new';
      b.node({
        id: `mtab:${dev}:${pidN}`,
        kind: 'mirror-table',
        x: col.mirror,
        y: my,
        w: col.mirrorW,
        h: M.table,
        label: `${dev} · pid ${pidN}`,
        detail: news === 'released' ? 'released' : news ? `${news} · ${entries}` : entries,
        mark: markOf(tc),
        name: `${dev}'s page table (mirror) for pid ${pidN}: ${news === 'released' ? 'released this step (its mm is gone)' : `${fmt(total)} entries${news ? ', registered this step' : ''}`}`,
        select: { kind: 'device', device: dev },
        keys: [`dev:${dev}`],
      });
      my += M.table + 4;
      const show = new Set<number>();
      if (t && total <= budget)
        for (const [vpn] of tableRange(t, 0, Number.MAX_SAFE_INTEGER)) show.add(vpn);
      if (changed && changed.size <= G.CHANGED_CAP) for (const vpn of changed.keys()) show.add(vpn);
      for (const vpn of [...show].sort((p, q) => p - q)) {
        const e = tableGet(t, vpn);
        const c = changed?.get(vpn);
        const id = `mir:${dev}:${pidN}:${vpn}`;
        const pfn = e?.pfn ?? c?.before?.pfn;
        b.node({
          id,
          kind: 'mirror',
          x: col.mirror,
          y: my,
          w: col.mirrorW,
          h: M.row - 6,
          label: addr(vpn),
          glyph: e ? (e.perm === 'write' ? 'W' : e.perm === 'atomic' ? 'A' : 'R') : '',
          detail: c ? (c.before ? `was ${c.before.perm}` : 'new') : '',
          cls: 'k-mirror',
          mark: markOf(c),
          name: `${dev} mirror of pid ${pidN} · ${addr(vpn)}${pfn !== undefined ? ` → pfn ${hex(pfn)} in ${b.where(pfn)}` : ''} · ${e ? e.perm : 'no entry'}${c ? (c.after === null ? ' · removed this step' : ' · changed this step') : ''}`,
          select: pfn !== undefined ? { kind: 'page', pfn } : null,
          keys: pfn !== undefined ? [`pfn:${pfn}`] : [],
        });
        if (pfn !== undefined) {
          b.links.push({
            id: `mlink:${dev}:${pidN}:${vpn}`,
            source: id,
            target: b.wantFrame(pfn),
            kind: 'mirror',
            broken: false,
            write: e?.perm === 'write',
            mark: markOf(c),
            count: 1,
            name: `${dev} mirror of pid ${pidN} · ${addr(vpn)} → pfn ${hex(pfn)} · ${e ? e.perm : 'removed this step'}`,
            keys: [`pfn:${pfn}`],
            fromRight: !col.stacked,
          });
        }
        my += M.row;
      }
      if (total > budget) {
        // The entries drawn one by one above are left out of the runs (one entry, one link).
        const rest = mirrorBundles(
          t,
          0,
          Number.MAX_SAFE_INTEGER,
          [...show].sort((p, q) => p - q),
        );
        for (const x of rest.values()) {
          const id = `mrun:${dev}:${pidN}:${x.key}`;
          const perm = x.key.split(':')[1] ?? '';
          b.node({
            id,
            kind: 'mirror-run',
            x: col.mirror,
            y: my,
            w: col.mirrorW,
            h: M.row - 6,
            label: `${fmt(x.n)} entries`,
            detail: perm,
            cls: 'k-mirror',
            mark: (changed?.size ?? 0) > G.CHANGED_CAP ? 'changed' : 'normal',
            name: `${dev} mirror of pid ${pidN}: ${fmt(x.n)} ${perm} entries → pfn ${hex(x.min)}–${hex(x.max)}`,
          });
          const t2 = b.runFor(x);
          if (t2)
            b.links.push({
              id: `mbundle:${id}`,
              source: id,
              target: t2,
              kind: 'mirror',
              broken: false,
              write: x.key.endsWith('write'),
              mark: 'normal',
              count: x.n,
              name: `${fmt(x.n)} mirror entries of ${dev} for pid ${pidN}`,
              keys: [],
              fromRight: !col.stacked,
            });
          my += M.row;
        }
      }
      my += G.GAP;
    }
  }
  return my;
}
