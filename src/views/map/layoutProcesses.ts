/**
 * The left column: each process, its VMAs and one row per page with its CPU PTE (glyph: kind by
 * letter, shape and colour, write bit) and the link to its frame. A VMA larger than the row budget
 * aggregates into runs of pages that draw alike (with counts and bundled links); the step's
 * changes and the selection break out of the runs, so they are always drawn one by one.
 */
import type { Pid, Pte, Vma, Vpn } from '../../model';
import { processList, processOf, tableGet, thousands as fmt } from '../../model';
import type { PteChange } from './changeIndex';
import { retarget } from './diff';
import { addr, asleepOf, hex, pteShort, pteWords } from './describe';
import * as G from './geometry';
import { bundleWords, clsOf, glyphText, kindKey, letterOf } from './glyphs';
import type { Bundle } from './leafStats';
import { pteBundles } from './leafStats';
import type { LinkKind, Mark } from './scene';
import type { SceneBuilder } from './sceneBuilder';
import { markOf } from './sceneBuilder';
import type { Selection } from '../../store/types';

const linkKind = (pte: Pte): LinkKind => (pte.kind === 'present' && pte.zero ? 'zero' : pte.kind);

/** Lays the process column out from y = G.TOP; returns its bottom. */
export function layoutProcesses(b: SceneBuilder, sel: Selection | null): number {
  const { s, ix, col, M, budget } = b;
  let y = G.TOP;
  const pids = [
    ...new Set([...processList(s).map((p) => p.pid as number), ...ix.procs.keys()]),
  ].sort((p, q) => p - q);
  for (const pidN of pids) {
    const pid = pidN as Pid;
    const p = processOf(s, pidN);
    const pc = ix.procs.get(pidN);
    const alive = p?.alive ?? false;
    const sigs = p?.signals ?? [];
    // Asleep on a paused migration's lock (the task's op waits): its heading says so.
    const asleep = asleepOf(s, pidN);
    b.node({
      id: `proc:${pid}`,
      kind: 'process',
      x: col.addr,
      y,
      w: col.rowW,
      h: G.PROC_H - 4,
      label: `pid ${pid}${alive ? '' : ' · exited'}${sigs.length ? ` · ${sigs.join(', ')}` : ''}${asleep ? ' · asleep' : ''}`,
      mark: pc ? (pc.before === null ? 'added' : 'changed') : 'normal',
      name: `process pid ${pid}${alive ? '' : ', exited'}${asleep ? `, asleep: ${asleep}` : ''}${pc ? ', changed this step' : ''}`,
    });
    y += G.PROC_H;
    const blocks: { vma: Vma; ghost: boolean }[] = (p?.vmas ?? []).map((v) => ({
      vma: v,
      ghost: false,
    }));
    for (const c of ix.vmas.values())
      if (c.pid === pid && c.after === null && c.before)
        blocks.push({ vma: c.before, ghost: true });
    blocks.sort((u, v) => u.vma.start - v.vma.start);
    const changedHere = ix.ptes.get(pidN);
    for (const { vma, ghost } of blocks) {
      const vc = ix.vmas.get(`${pid}:${vma.start}`);
      b.node({
        id: `vma:${pid}:${vma.start}`,
        kind: 'vma',
        x: col.addr,
        y,
        w: col.rowW,
        h: G.VMA_H - 2,
        label: `${addr(vma.start)}–${addr(vma.end)}`,
        detail: `${vma.prot} ${vma.shared ? 'shared' : 'private'}${vma.anonymous ? ' anon' : ''}`,
        mark: markOf(vc, ghost),
        name: `VMA of pid ${pid} ${addr(vma.start)} to ${addr(vma.end)}, ${vma.prot}, ${vma.shared ? 'shared' : 'private'}${ghost ? ', unmapped this step' : vc ? ', changed this step' : ''}`,
      });
      y += G.VMA_H;
      const rowAt = (vpn: number) => {
        const pte = ghost ? undefined : tableGet(p?.ptes, vpn);
        pteRow(b, pid, vpn, pte ?? null, changedHere?.get(vpn), ghost, y);
        y += M.row;
      };
      const n = vma.end - vma.start;
      if (n <= budget) {
        for (let v = vma.start; v < vma.end; v++) rowAt(v);
        continue;
      }
      // Aggregate: buckets merged while they draw alike; changes and the selection break out.
      const inVma = changedHere?.keysIn(vma.start, vma.end) ?? [];
      const breakout = new Set<number>(inVma.length <= G.CHANGED_CAP ? inVma : []);
      if (sel?.kind === 'pte' && sel.pid === pid && sel.vpn >= vma.start && sel.vpn < vma.end)
        breakout.add(sel.vpn);
      for (const key of [b.stuck, b.subject]) {
        const [kp, kv] = key?.split(':').map(Number) ?? [];
        if (kp === pidN && kv !== undefined && kv >= vma.start && kv < vma.end) breakout.add(kv);
      }
      // Drawn on their own, so left out of the runs' counts and bundles (one PTE, one link).
      const skip = [...breakout].sort((u, w) => u - w);
      // Every change of the VMA broken out: a run holds none of them, and is not marked changed.
      const changesOut = inVma.length <= G.CHANGED_CAP;
      const size = Math.ceil(n / budget / G.LEAF) * G.LEAF;
      const a0 = Math.floor(vma.start / G.LEAF) * G.LEAF;
      let run: {
        from: number;
        to: number;
        key: string;
        acc: Map<string, Bundle>;
        ch: number;
      } | null = null;
      const flush = () => {
        if (!run) return;
        const { from, to } = run;
        const below = skip.filter((v) => v >= from && v < to);
        runRow(b, pid, from, to, run.acc, changesOut ? 0 : run.ch, below.length, y);
        y += M.row;
        for (const v of below) rowAt(v);
        run = null;
      };
      for (let lo = a0; lo < vma.end; lo += size) {
        const from = Math.max(lo, vma.start);
        const to = Math.min(lo + size, vma.end);
        const bundles: Map<string, Bundle> =
          ghost || !p
            ? new Map<string, Bundle>()
            : pteBundles(p.ptes, from, to, s.machine.ramPages, skip);
        const key = [...bundles.keys()].sort().join('|');
        const ch = changedHere?.countIn(from, to) ?? 0;
        if (run && key === run.key && ch === 0 && run.ch === 0) {
          run.to = to;
          for (const x of bundles.values()) merge(run.acc, x);
          continue;
        }
        flush();
        run = { from, to, key, acc: new Map([...bundles].map(([k, v]) => [k, { ...v }])), ch };
      }
      flush();
    }
    y += G.GAP;
  }
  return y;
}

function pteRow(
  b: SceneBuilder,
  pid: Pid,
  vpn: number,
  pte: Pte | null,
  c: PteChange | undefined,
  ghost: boolean,
  y0: number,
) {
  const { col, M } = b;
  const id = `pte:${pid}:${vpn}`;
  const k = kindKey(pte);
  const w = pte && pte.kind !== 'hwpoison' ? (pte.write ? 'W' : 'R') : '';
  const mark: Mark = ghost ? 'ghost' : c ? (c.before === null ? 'added' : 'changed') : 'normal';
  const who = `pid ${pid} · ${addr(vpn)}`;
  const target = pte ? ` → pfn ${hex(pte.pfn)} in ${b.where(pte.pfn)}` : '';
  const step = c
    ? ` · changed this step (was ${pteShort(c.before)}${c.before ? ` → pfn ${hex(c.before.pfn)}` : ''})`
    : '';
  // Tasks asleep on this PTE's migration entry (a paused migration): named, and shown as "zz".
  const sleepers = (b.s.waiters ?? []).filter((x) => x.pid === pid && x.vpn === vpn);
  const asleep = sleepers.map((x) => ` · pid ${x.pid}'s ${x.op.op} sleeps on it`).join('');
  const stuck = !ghost && b.stuck === `${pid}:${vpn}`;
  b.node({
    id,
    kind: 'pte',
    x: col.addr,
    y: y0,
    w: col.rowW,
    h: M.row - 6,
    label: addr(vpn),
    detail: c
      ? `was ${glyphText(c.before)}`
      : stuck
        ? 'faults again ↻'
        : sleepers.length > 0
          ? 'zz waiter'
          : '',
    glyph: `${letterOf(k)}${w ? ` ${w}` : ''}`,
    cls: clsOf(k),
    mark,
    stuck,
    name: `${who}${target} · ${pteWords(pte)}${step}${asleep}${stuck ? ' · its fault repeats this step and changes nothing (livelock)' : ''}`,
    select: { kind: 'pte', pid, vpn: vpn as Vpn },
    keys: [`pte:${pid}:${vpn}`, ...(pte ? [`pfn:${pte.pfn}`] : [])],
  });
  if (pte) {
    const t = b.wantFrame(pte.pfn);
    const moved = c ? retarget(c) : null;
    const lmark: Mark = c ? (c.before === null || moved ? 'added' : 'changed') : 'normal';
    b.links.push({
      id: `link:${id}`,
      source: id,
      target: t,
      kind: linkKind(pte),
      broken: pte.kind === 'device-private',
      write: pte.kind !== 'hwpoison' && pte.write,
      mark: lmark === 'added' && moved ? 'changed' : lmark,
      count: 1,
      name: `${who} → pfn ${hex(pte.pfn)} in ${b.where(pte.pfn)} · ${pteWords(pte)}${moved ? ` · moved this step from pfn ${hex(moved.from)}` : c ? ' · changed this step' : ''}`,
      keys: [`pte:${pid}:${vpn}`, `pfn:${pte.pfn}`],
      fromRight: false,
    });
  }
  const was = c?.before;
  if (was && (!pte || pte.pfn !== was.pfn)) {
    b.links.push({
      id: `was:${id}`,
      source: id,
      target: b.wantFrame(was.pfn),
      kind: linkKind(was),
      broken: was.kind === 'device-private',
      write: was.kind !== 'hwpoison' && was.write,
      mark: 'ghost',
      count: 1,
      name: `before this step: ${who} → pfn ${hex(was.pfn)} in ${b.where(was.pfn)} · ${pteShort(was)}`,
      keys: [`pte:${pid}:${vpn}`, `pfn:${was.pfn}`],
      fromRight: false,
    });
  }
}

function runRow(
  b: SceneBuilder,
  pid: Pid,
  lo: number,
  hi: number,
  bundles: Map<string, Bundle>,
  changed: number,
  below: number,
  y0: number,
) {
  const { col, M } = b;
  const id = `run:${pid}:${lo}`;
  const sorted = [...bundles.values()].sort((x, z) => z.n - x.n);
  const mapped = sorted.reduce((n, x) => n + x.n, 0);
  // The bundles leave out the rows drawn below the run: so do its other counts.
  const none = hi - lo - below - mapped;
  const parts = sorted.map((x) => `${fmt(x.n)} ${bundleWords(x.key)}`);
  if (none > 0) parts.push(`${fmt(none)} none`);
  const top = sorted[0]?.key.split(':') ?? null;
  b.node({
    id,
    kind: 'pte-run',
    x: col.addr,
    y: y0,
    w: col.rowW,
    h: M.row - 6,
    label: `${addr(lo)} ×${fmt(hi - lo)}`,
    detail:
      parts.join(' · ') +
      (below ? ` · ${fmt(below)} below` : '') +
      (changed ? ` · ${fmt(changed)} changed` : ''),
    glyph: top ? `${letterOf(top[0] ?? '')}${top[1] && top[1] !== '-' ? ` ${top[1]}` : ''}` : '',
    cls: top ? clsOf(top[0] ?? '') : 'k-none',
    mark: changed ? 'changed' : 'normal',
    name: `pid ${pid} · ${fmt(hi - lo)} pages from ${addr(lo)} to ${addr(hi)} · ${parts.join(', ')}${below ? ` · ${fmt(below)} drawn on ${below === 1 ? 'its' : 'their'} own below` : ''}${changed ? ` · ${fmt(changed)} changed this step` : ''} · zoom in to see them one by one`,
    keys: [],
  });
  for (const x of sorted) {
    const t = b.runFor(x);
    if (!t) continue;
    const [k, w] = x.key.split(':');
    b.links.push({
      id: `bundle:${id}:${x.key}`,
      source: id,
      target: t,
      kind: (k === 'zero' ? 'zero' : k) as LinkKind,
      broken: k === 'device-private',
      write: w === 'W',
      mark: changed ? 'changed' : 'normal',
      count: x.n,
      name: `${fmt(x.n)} ${bundleWords(x.key)} mappings of pid ${pid} → pfn ${hex(x.min)}–${hex(x.max)}`,
      keys: [],
      fromRight: false,
    });
  }
}

function merge(acc: Map<string, Bundle>, x: Bundle) {
  const b = acc.get(x.key);
  if (b) {
    b.n += x.n;
    b.min = Math.min(b.min, x.min);
    b.max = Math.max(b.max, x.max);
  } else acc.set(x.key, { ...x });
}
