/**
 * layoutMap(frame, changes, viewport, zoom) → Scene: the memory map as positioned data. Columns,
 * left to right: each process's VMAs and pages with their CPU PTEs → physical memory bands (System
 * RAM, each device) holding the frames in use → each device's mirror page table per mm. Links go
 * from a PTE or mirror entry to its frame. What the step removed stays as a ghost where it was.
 * The cost is bounded by the row budget (zoom) plus what changed, never by the machine's size:
 * large VMAs and bands aggregate into runs with counts, computed from cached per-leaf summaries.
 */
import { own } from '../../model';
import type { MirrorTable, Page, Pfn, Pid, Pte, Vma, Vpn } from '../../model/types';
import { emptyTable, tableGet, tableRange } from '../../model/table';
import { TABLE_SHIFT } from '../../model/types';
import type { Frame } from '../../store/model';
import type { Selection } from '../../store/types';
import type { Band } from './bands';
import { bandClass, bandOf, bandsOf, bandTitle } from './bands';
import type { Change } from './diff';
import { retarget } from './diff';
import { addr, hex, pteShort, pteWords, unexplainedRefs } from './describe';
import * as G from './geometry';
import type { Bundle } from './leafStats';
import { mirrorBundles, pageStats, pteBundles } from './leafStats';
import type { LinkKind, Mark, Mover, Rect, Scene, SceneLink, SceneNode, Viewport } from './scene';
import { summarize } from './summary';

type PteChange = Extract<Change, { kind: 'pte' }>;
type PageChange = Extract<Change, { kind: 'page' }>;
type MirrorChange = Extract<Change, { kind: 'mirror' }>;
type VmaChange = Extract<Change, { kind: 'vma' }>;
type ProcChange = Extract<Change, { kind: 'process' }>;

const LEAF = 2 ** TABLE_SHIFT;
const fmt = (n: number): string => n.toLocaleString('en-US');

export interface LayoutOptions {
  /** The frame before this step, for ghost numbers (idle refcounts) and the summary. */
  readonly prev?: Frame;
  /** Broken out of any aggregate so the selection is always drawn. */
  readonly selection?: Selection | null;
  /** Taller rows (presenter mode: 44-pixel targets). */
  readonly roomy?: boolean;
}

interface Pending {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly kind: LinkKind;
  readonly broken: boolean;
  readonly write: boolean;
  readonly mark: Mark;
  readonly count: number;
  readonly name: string;
  readonly keys: readonly string[];
  /** 'left': the source is to the right of its target (mirror → frame). */
  readonly fromRight: boolean;
}

interface FrameRun {
  readonly id: string;
  readonly band: Band;
  min: number;
  max: number;
  n: number;
  changed: number;
}

const linkKind = (pte: Pte): LinkKind => (pte.kind === 'present' && pte.zero ? 'zero' : pte.kind);

const markOf = (c: { before: unknown; after: unknown } | undefined, ghost = false): Mark =>
  !c ? 'normal' : c.before === null ? 'added' : c.after === null || ghost ? 'ghost' : 'changed';

function index(changes: readonly Change[]) {
  const ptes = new Map<string, PteChange>();
  const ptesByPid = new Map<number, PteChange[]>();
  const pages = new Map<number, PageChange>();
  const mirrors = new Map<string, MirrorChange>();
  const mirrorsByTable = new Map<string, MirrorChange[]>();
  const vmas = new Map<string, VmaChange>();
  const procs = new Map<number, ProcChange>();
  for (const c of changes) {
    if (c.kind === 'pte') {
      ptes.set(`${c.pid}:${c.vpn}`, c);
      const l = ptesByPid.get(c.pid) ?? [];
      l.push(c);
      ptesByPid.set(c.pid, l);
    } else if (c.kind === 'page') pages.set(c.pfn, c);
    else if (c.kind === 'mirror') {
      mirrors.set(`${c.device}:${c.pid}:${c.vpn}`, c);
      const k = `${c.device}:${c.pid}`;
      const l = mirrorsByTable.get(k) ?? [];
      l.push(c);
      mirrorsByTable.set(k, l);
    } else if (c.kind === 'vma') vmas.set(`${c.pid}:${c.start}`, c);
    else if (c.kind === 'process') procs.set(c.pid, c);
  }
  return { ptes, ptesByPid, pages, mirrors, mirrorsByTable, vmas, procs };
}

export function layoutMap(
  frame: Frame,
  changes: readonly Change[],
  viewport: Viewport,
  zoom: number,
  opts: LayoutOptions = {},
): Scene {
  const s = frame.state;
  const prev = opts.prev?.state ?? s;
  const sel = opts.selection ?? null;
  const ix = index(changes);
  const bands = bandsOf(s);
  for (const b of bandsOf(prev)) if (!bands.some((x) => x.id === b.id)) bands.push(b);
  const budget = G.rowBudget(zoom);
  const M = opts.roomy ? G.ROOMY : G.DESK;
  const withMirrors =
    s.deviceOrder.some((d) => Object.keys(own(s.devices, d)?.mirrors ?? {}).length > 0) ||
    ix.mirrors.size > 0;
  const col = G.columns(viewport.width, withMirrors);

  const nodes: SceneNode[] = [];
  const byId = new Map<string, SceneNode>();
  const links: Pending[] = [];
  /** Frames drawn one by one, with why (a link, a change, a leak, the selection). */
  const frames = new Map<number, boolean>();
  const runs = new Map<string, FrameRun>();
  const put = (n: SceneNode) => {
    nodes.push(n);
    byId.set(n.id, n);
  };
  const node = (n: Partial<SceneNode> & Pick<SceneNode, 'id' | 'kind' | 'x' | 'y' | 'w' | 'h'>) => {
    put({
      label: '',
      detail: '',
      glyph: '',
      cls: '',
      mark: 'normal',
      leak: false,
      name: '',
      select: null,
      keys: [],
      value: null,
      ...n,
    });
  };
  const wantFrame = (pfn: number) => {
    if (!frames.has(pfn)) frames.set(pfn, true);
    return `frame:${pfn}`;
  };
  const runFor = (b: Bundle, changed: number): string | null => {
    const band = bandOf(bands, b.min);
    if (!band) return null;
    const id = `frun:${band.id}:${b.min}:${b.max}`;
    const r = runs.get(id);
    if (r) r.changed += changed;
    else runs.set(id, { id, band, min: b.min, max: b.max, n: b.n, changed });
    return id;
  };
  const where = (pfn: number) => {
    const b = bandOf(bands, pfn);
    return b ? (b.type === 'ram' ? 'System RAM' : `${b.id} memory`) : 'no memory';
  };

  // Column titles.
  node({
    id: 'col:cpu',
    kind: 'column',
    x: col.addr,
    y: 4,
    w: 260,
    h: 22,
    label: 'Processes → CPU page tables',
  });
  node({
    id: 'col:phys',
    kind: 'column',
    x: col.frame,
    y: 4,
    w: G.FRAME_W,
    h: 22,
    label: 'Physical memory',
  });
  if (withMirrors)
    node({
      id: 'col:mirror',
      kind: 'column',
      x: col.mirror,
      y: 4,
      w: G.MIRROR_W,
      h: 22,
      label: 'Device page tables',
    });

  // --- Processes, VMAs, PTE rows ---------------------------------------------------------------
  let y = G.TOP;
  const pids = [...new Set([...Object.keys(s.processes), ...ix.procs.keys()].map(Number))].sort(
    (a, b) => a - b,
  );
  for (const pidN of pids) {
    const pid = pidN as Pid;
    const p = s.processes[pidN];
    const pc = ix.procs.get(pidN);
    const alive = p?.alive ?? false;
    const sigs = p?.signals ?? [];
    node({
      id: `proc:${pid}`,
      kind: 'process',
      x: col.addr,
      y,
      w: G.ADDR_W + 4 + G.GLYPH_W,
      h: G.PROC_H - 4,
      label: `pid ${pid}${alive ? '' : ' · exited'}${sigs.length ? ` · ${sigs.join(', ')}` : ''}`,
      mark: pc ? (pc.before === null ? 'added' : 'changed') : 'normal',
      name: `process pid ${pid}${alive ? '' : ', exited'}${pc ? ', changed this step' : ''}`,
    });
    y += G.PROC_H;
    const blocks: { vma: Vma; ghost: boolean }[] = (p?.vmas ?? []).map((v) => ({
      vma: v,
      ghost: false,
    }));
    for (const c of ix.vmas.values())
      if (c.pid === pid && c.after === null && c.before)
        blocks.push({ vma: c.before, ghost: true });
    blocks.sort((a, b) => a.vma.start - b.vma.start);
    const changedHere = ix.ptesByPid.get(pidN) ?? [];
    for (const { vma, ghost } of blocks) {
      const vc = ix.vmas.get(`${pid}:${vma.start}`);
      node({
        id: `vma:${pid}:${vma.start}`,
        kind: 'vma',
        x: col.addr,
        y,
        w: G.ADDR_W + 4 + G.GLYPH_W,
        h: G.VMA_H - 2,
        label: `${addr(vma.start)}–${addr(vma.end)}`,
        detail: `${vma.prot} ${vma.shared ? 'shared' : 'private'}${vma.anonymous ? ' anon' : ''}`,
        mark: markOf(vc, ghost),
        name: `VMA of pid ${pid} ${addr(vma.start)} to ${addr(vma.end)}, ${vma.prot}, ${vma.shared ? 'shared' : 'private'}${ghost ? ', unmapped this step' : vc ? ', changed this step' : ''}`,
      });
      y += G.VMA_H;
      const inVma = changedHere.filter((c) => c.vpn >= vma.start && c.vpn < vma.end);
      const n = vma.end - vma.start;
      const rowAt = (vpn: number) => {
        const pte = ghost ? undefined : tableGet(p?.ptes, vpn);
        pteRow(pid, vpn, pte ?? null, ix.ptes.get(`${pid}:${vpn}`), ghost, y);
        y += M.row;
      };
      if (n <= budget) {
        for (let v = vma.start; v < vma.end; v++) rowAt(v);
        continue;
      }
      // Aggregate: leaf-aligned buckets, merged while they draw alike; changes break out.
      const breakout = new Set<number>(
        inVma.length <= G.CHANGED_CAP ? inVma.map((c) => c.vpn) : [],
      );
      if (sel?.kind === 'pte' && sel.pid === pid && sel.vpn >= vma.start && sel.vpn < vma.end)
        breakout.add(sel.vpn);
      const changedSorted = inVma.map((c) => c.vpn as number).sort((a, b) => a - b);
      const size = Math.ceil(n / budget / LEAF) * LEAF;
      const a0 = Math.floor(vma.start / LEAF) * LEAF;
      let runStart = -1;
      let runEnd = -1;
      let runKey = '';
      let acc = new Map<string, Bundle>();
      let accChanged = 0;
      const flush = () => {
        if (runStart < 0) return;
        runRow(pid, runStart, runEnd, acc, accChanged, y);
        y += M.row;
        for (const v of [...breakout]
          .filter((v) => v >= runStart && v < runEnd)
          .sort((a, b) => a - b))
          rowAt(v);
        runStart = -1;
      };
      for (let lo = a0; lo < vma.end; lo += size) {
        const from = Math.max(lo, vma.start);
        const to = Math.min(lo + size, vma.end);
        const b = ghost
          ? new Map<string, Bundle>()
          : p
            ? pteBundles(p.ptes, from, to, s.machine.ramPages)
            : new Map<string, Bundle>();
        const key = [...b.keys()].sort().join('|');
        const ch = countIn(changedSorted, from, to);
        if (runStart >= 0 && key === runKey && ch === 0 && accChanged === 0) {
          runEnd = to;
          for (const x of b.values()) merge(acc, x);
          continue;
        }
        flush();
        runStart = from;
        runEnd = to;
        runKey = key;
        acc = new Map([...b].map(([k, v]) => [k, { ...v }]));
        accChanged = ch;
      }
      flush();
    }
    y += G.GAP;
  }
  const cpuBottom = y;

  function pteRow(
    pid: Pid,
    vpn: number,
    pte: Pte | null,
    c: PteChange | undefined,
    ghost: boolean,
    y0: number,
  ) {
    const id = `pte:${pid}:${vpn}`;
    const kindKey = pte ? (pte.kind === 'present' && pte.zero ? 'zero' : pte.kind) : '';
    const w = pte && pte.kind !== 'hwpoison' ? (pte.write ? 'W' : 'R') : '';
    const mark: Mark = ghost ? 'ghost' : c ? (c.before === null ? 'added' : 'changed') : 'normal';
    const who = `pid ${pid} · ${addr(vpn)}`;
    const target = pte ? ` → pfn ${hex(pte.pfn)} in ${where(pte.pfn)}` : '';
    const step = c
      ? ` · changed this step (was ${pteShort(c.before)}${c.before ? ` → pfn ${hex(c.before.pfn)}` : ''})`
      : '';
    node({
      id,
      kind: 'pte',
      x: col.addr,
      y: y0,
      w: col.glyph + G.GLYPH_W - col.addr,
      h: M.row - 6,
      label: addr(vpn),
      detail: c ? `was ${glyphText(c.before)}` : '',
      glyph: `${letterOf(kindKey)}${w ? ` ${w}` : ''}`,
      cls: clsOf(kindKey),
      mark,
      name: `${who}${target} · ${pteWords(pte)}${step}`,
      select: { kind: 'pte', pid, vpn: vpn as Vpn },
      keys: [`pte:${pid}:${vpn}`, ...(pte ? [`pfn:${pte.pfn}`] : [])],
    });
    if (pte) {
      const t = wantFrame(pte.pfn);
      const moved = c ? retarget(c) : null;
      const lmark: Mark = c ? (c.before === null || moved ? 'added' : 'changed') : 'normal';
      links.push({
        id: `link:${id}`,
        source: id,
        target: t,
        kind: linkKind(pte),
        broken: pte.kind === 'device-private',
        write: pte.kind !== 'hwpoison' && pte.write,
        mark: lmark === 'added' && moved ? 'changed' : lmark,
        count: 1,
        name: `${who} → pfn ${hex(pte.pfn)} in ${where(pte.pfn)} · ${pteWords(pte)}${moved ? ` · moved this step from pfn ${hex(moved.from)}` : c ? ' · changed this step' : ''}`,
        keys: [`pte:${pid}:${vpn}`, `pfn:${pte.pfn}`],
        fromRight: false,
      });
    }
    const was = c?.before;
    if (was && (!pte || pte.pfn !== was.pfn)) {
      const t = wantFrame(was.pfn);
      links.push({
        id: `was:${id}`,
        source: id,
        target: t,
        kind: linkKind(was),
        broken: was.kind === 'device-private',
        write: was.kind !== 'hwpoison' && was.write,
        mark: 'ghost',
        count: 1,
        name: `before this step: ${who} → pfn ${hex(was.pfn)} in ${where(was.pfn)} · ${pteShort(was)}`,
        keys: [`pte:${pid}:${vpn}`, `pfn:${was.pfn}`],
        fromRight: false,
      });
    }
  }

  function runRow(
    pid: Pid,
    lo: number,
    hi: number,
    b: Map<string, Bundle>,
    changed: number,
    y0: number,
  ) {
    const id = `run:${pid}:${lo}`;
    const mapped = [...b.values()].reduce((n, x) => n + x.n, 0);
    const none = hi - lo - mapped;
    const parts = [...b.values()]
      .sort((x, y2) => y2.n - x.n)
      .map((x) => `${fmt(x.n)} ${bundleWords(x.key)}`);
    if (none > 0) parts.push(`${fmt(none)} none`);
    const top = [...b.values()].sort((x, y2) => y2.n - x.n)[0];
    const glyphKind = top ? top.key.split(':') : null;
    node({
      id,
      kind: 'pte-run',
      x: col.addr,
      y: y0,
      w: col.glyph + G.GLYPH_W - col.addr,
      h: M.row - 6,
      label: `${addr(lo)} ×${fmt(hi - lo)}`,
      detail: parts.join(' · ') + (changed ? ` · ${fmt(changed)} changed` : ''),
      glyph: glyphKind
        ? `${letterOf(glyphKind[0] ?? '')}${glyphKind[1] && glyphKind[1] !== '-' ? ` ${glyphKind[1]}` : ''}`
        : '',
      cls: glyphKind ? clsOf(glyphKind[0] ?? '') : 'k-none',
      mark: changed ? 'changed' : 'normal',
      name: `pid ${pid} · ${fmt(hi - lo)} pages from ${addr(lo)} to ${addr(hi)} · ${parts.join(', ')}${changed ? ` · ${fmt(changed)} changed this step` : ''} · zoom in to see them one by one`,
      keys: [],
    });
    for (const x of b.values()) {
      const t = runFor(x, 0);
      if (!t) continue;
      const [k, w] = x.key.split(':');
      links.push({
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

  // --- Mirror tables ---------------------------------------------------------------------------
  let my = G.TOP;
  if (withMirrors) {
    for (const dev of s.deviceOrder) {
      const d = own(s.devices, dev);
      const pidsM = new Set(Object.keys(d?.mirrors ?? {}).map(Number));
      for (const c of ix.mirrors.values()) if (c.device === dev) pidsM.add(c.pid);
      for (const pidN of [...pidsM].sort((a, b) => a - b)) {
        const t: MirrorTable = d?.mirrors[pidN] ?? emptyTable();
        const changed = ix.mirrorsByTable.get(`${dev}:${pidN}`) ?? [];
        const bundles = mirrorBundles(t, 0, Number.MAX_SAFE_INTEGER);
        const total = [...bundles.values()].reduce((n, x) => n + x.n, 0);
        node({
          id: `mtab:${dev}:${pidN}`,
          kind: 'mirror-table',
          x: col.mirror,
          y: my,
          w: G.MIRROR_W,
          h: M.table,
          label: `${dev} · pid ${pidN}`,
          detail: `${fmt(total)} entr${total === 1 ? 'y' : 'ies'}`,
          name: `${dev}'s page table (mirror) for pid ${pidN}: ${fmt(total)} entries`,
          select: { kind: 'device', device: dev },
          keys: [`dev:${dev}`],
        });
        my += M.table + 4;
        const show = new Map<number, boolean>();
        if (total <= budget)
          for (const [vpn] of tableRange(t, 0, Number.MAX_SAFE_INTEGER)) show.set(vpn, true);
        if (changed.length <= G.CHANGED_CAP) for (const c of changed) show.set(c.vpn, true);
        for (const vpn of [...show.keys()].sort((a, b) => a - b)) {
          const e = tableGet(t, vpn);
          const c = ix.mirrors.get(`${dev}:${pidN}:${vpn}`);
          const id = `mir:${dev}:${pidN}:${vpn}`;
          const pfn = e?.pfn ?? c?.before?.pfn;
          node({
            id,
            kind: 'mirror',
            x: col.mirror,
            y: my,
            w: G.MIRROR_W,
            h: M.row - 6,
            label: addr(vpn),
            glyph: e ? (e.perm === 'write' ? 'W' : 'R') : '',
            detail: c ? (c.before ? `was ${c.before.perm}` : 'new') : '',
            cls: 'k-mirror',
            mark: markOf(c),
            name: `${dev} mirror of pid ${pidN} · ${addr(vpn)}${pfn !== undefined ? ` → pfn ${hex(pfn)} in ${where(pfn)}` : ''} · ${e ? e.perm : 'no entry'}${c ? (c.after === null ? ' · removed this step' : ' · changed this step') : ''}`,
            select: pfn !== undefined ? { kind: 'page', pfn: pfn } : null,
            keys: pfn !== undefined ? [`pfn:${pfn}`] : [],
          });
          if (pfn !== undefined) {
            links.push({
              id: `mlink:${dev}:${pidN}:${vpn}`,
              source: id,
              target: wantFrame(pfn),
              kind: 'mirror',
              broken: false,
              write: e?.perm === 'write',
              mark: markOf(c),
              count: 1,
              name: `${dev} mirror of pid ${pidN} · ${addr(vpn)} → pfn ${hex(pfn)} · ${e ? e.perm : 'removed this step'}`,
              keys: [`pfn:${pfn}`],
              fromRight: true,
            });
          }
          my += M.row;
        }
        if (total > budget) {
          for (const x of bundles.values()) {
            const id = `mrun:${dev}:${pidN}:${x.key}`;
            node({
              id,
              kind: 'mirror-run',
              x: col.mirror,
              y: my,
              w: G.MIRROR_W,
              h: M.row - 6,
              label: `${fmt(x.n)} entries`,
              detail: x.key.split(':')[1] ?? '',
              cls: 'k-mirror',
              mark: changed.length > G.CHANGED_CAP ? 'changed' : 'normal',
              name: `${dev} mirror of pid ${pidN}: ${fmt(x.n)} ${x.key.split(':')[1] ?? ''} entries → pfn ${hex(x.min)}–${hex(x.max)}`,
            });
            const t2 = runFor(x, 0);
            if (t2)
              links.push({
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
                fromRight: true,
              });
            my += M.row;
          }
        }
        my += G.GAP;
      }
    }
  }

  // --- Physical memory bands -------------------------------------------------------------------
  const pageChanges = [...ix.pages.values()];
  for (const band of bands) {
    const inBand = pageChanges.filter((c) => c.pfn >= band.lo && c.pfn < band.hi);
    if (inBand.length <= G.CHANGED_CAP) for (const c of inBand) wantFrame(c.pfn);
  }
  if (sel?.kind === 'page') wantFrame(sel.pfn);
  let fy = G.TOP;
  for (const band of bands) {
    const stats = pageStats(s.pages, band.lo, band.hi, unexplainedRefs);
    for (const p of stats.leaks.slice(0, G.CHANGED_CAP)) wantFrame(p.pfn);
    const mine = [...frames.keys()].filter((pfn) => pfn >= band.lo && pfn < band.hi);
    const bandRuns = [...runs.values()].filter((r) => r.band.id === band.id);
    const changedHere = pageChanges.filter((c) => c.pfn >= band.lo && c.pfn < band.hi).length;
    node({
      id: `band:${band.id}`,
      kind: 'band',
      x: col.frame,
      y: fy,
      w: G.FRAME_W,
      h: G.BAND_H - 6,
      label: bandTitle(band),
      detail: `${fmt(band.pages)} pages · ${fmt(stats.n)} in use${changedHere ? ` · ${fmt(changedHere)} changed` : ''}${stats.leaks.length ? ` · ${fmt(stats.leaks.length)} leaked` : ''}`,
      cls: bandClass(band),
      mark: changedHere > G.CHANGED_CAP ? 'changed' : 'normal',
      name: `${bandTitle(band)}: ${fmt(band.pages)} pages, ${fmt(stats.n)} in use${changedHere ? `, ${fmt(changedHere)} changed this step` : ''}`,
      select: band.device ? { kind: 'device', device: band.device } : null,
      keys: band.device ? [`dev:${band.device}`] : [],
    });
    fy += G.BAND_H;
    const items: { at: number; draw: () => void }[] = [
      ...mine.map((pfn) => ({
        at: pfn,
        draw: () => {
          frameNode(band, pfn);
        },
      })),
      ...bandRuns.map((r) => ({
        at: r.min,
        draw: () => {
          runNode(r);
        },
      })),
    ].sort((a, b) => a.at - b.at);
    let covered = 0;
    for (const it of items) it.draw();
    for (const r of bandRuns) covered += r.n;
    const shownUsed = mine.filter((pfn) => tableGet(s.pages, pfn) !== undefined).length;
    const more = stats.n - shownUsed - covered;
    if (more > 0) {
      node({
        id: `fmore:${band.id}`,
        kind: 'frames-more',
        x: col.frame,
        y: fy,
        w: G.FRAME_W,
        h: G.MORE_H - 4,
        label: `+ ${fmt(more)} more frames in use`,
        cls: bandClass(band),
        name: `${bandTitle(band)}: ${fmt(more)} more frames in use, not linked from what is shown`,
      });
      fy += G.MORE_H;
    }
    fy += G.GAP;
  }

  function frameNode(band: Band, pfn: number) {
    const stored = tableGet(s.pages, pfn);
    const c = ix.pages.get(pfn);
    const idle = band.type === 'ram' ? 0 : 1;
    const page: Page | null = stored ?? null;
    const before = c ? (c.before ?? null) : page;
    const r1 = page?.refcount ?? idle;
    const m1 = page?.mapcount ?? 0;
    const r0 = c
      ? (c.before?.refcount ?? (bandOf(bandsOf(prev), pfn)?.type === 'ram' ? 0 : idle))
      : r1;
    const m0 = c ? (c.before?.mapcount ?? 0) : m1;
    const num = (a: number, b: number) => (a === b ? `${b}` : `${a} → ${b}`);
    const leakN = page ? unexplainedRefs(page) : 0;
    const zero = pfn === 0;
    const freed = c !== undefined && c.after === null;
    const status = freed ? ' · freed' : c?.before === null ? ' · new' : '';
    const mappers = (page?.rmap ?? []).map((r) => `pid ${r.pid} at ${addr(r.vpn)}`);
    const value = page ? page.value : (before?.value ?? null);
    node({
      id: `frame:${pfn}`,
      kind: 'frame',
      x: col.frame,
      y: fy,
      w: G.FRAME_W,
      h: M.frame - 6,
      label: zero
        ? `pfn ${hex(pfn)} · zero page`
        : `pfn ${hex(pfn)}${page?.hwpoison ? ' · poisoned' : ''}${status}`,
      detail: `ref ${num(r0, r1)} · map ${num(m0, m1)}${leakN ? ` · ${leakN} unexplained!` : ''}`,
      cls: bandClass(band),
      mark: markOf(c),
      leak: leakN > 0,
      value: zero ? null : value,
      name: `pfn ${hex(pfn)} in ${bandTitle(band)} · refcount ${num(r0, r1)}, mapcount ${num(m0, m1)}${value !== null && !zero ? ` · holds ${value}` : ''}${mappers.length ? ` · mapped by ${mappers.join(', ')}` : ''}${leakN ? ` · ${leakN} reference${leakN > 1 ? 's' : ''} no mapping explains (leak)` : ''}${c ? (freed ? ' · freed this step' : c.before === null ? ' · allocated this step' : ' · changed this step') : ''}`,
      select: { kind: 'page', pfn: pfn as Pfn },
      keys: [`pfn:${pfn}`],
    });
    fy += M.frame;
  }

  function runNode(r: FrameRun) {
    node({
      id: r.id,
      kind: 'frame-run',
      x: col.frame,
      y: fy,
      w: G.FRAME_W,
      h: M.frame - 6,
      label: `pfn ${hex(r.min)}–${hex(r.max)}`,
      detail: `${fmt(r.n)} frames${r.changed ? ` · ${fmt(r.changed)} changed` : ''}`,
      cls: bandClass(r.band),
      mark: r.changed ? 'changed' : 'normal',
      name: `${fmt(r.n)} frames of ${bandTitle(r.band)} from pfn ${hex(r.min)} to ${hex(r.max)}`,
    });
    fy += M.frame;
  }

  // --- Links, movers, focus --------------------------------------------------------------------
  const sceneLinks: SceneLink[] = [];
  for (const l of links) {
    const a = byId.get(l.source);
    const b = byId.get(l.target);
    if (!a || !b) continue;
    sceneLinks.push({
      id: l.id,
      source: l.source,
      target: l.target,
      kind: l.kind,
      broken: l.broken,
      write: l.write,
      mark: l.mark,
      count: l.count,
      name: l.name,
      keys: l.keys,
      // PTE links leave a little right of the glyph, so the "✕" of a broken one stands clear.
      x1: l.fromRight ? a.x : a.x + a.w + 7,
      y1: a.y + a.h / 2,
      x2: l.fromRight ? b.x + b.w : b.x,
      y2: b.y + b.h / 2,
    });
  }
  const movers: Mover[] = [];
  for (const c of ix.ptes.values()) {
    const m = retarget(c);
    if (!m || movers.length >= G.CHANGED_CAP) continue;
    const from = byId.get(`frame:${m.from}`);
    const to = byId.get(`frame:${m.to}`);
    const v = tableGet(s.pages, m.to)?.value;
    if (!from || !to || v === undefined) continue;
    movers.push({
      id: `move:${c.pid}:${c.vpn}`,
      value: v,
      x1: from.x + from.w - 24,
      y1: from.y + from.h / 2,
      x2: to.x + to.w - 24,
      y2: to.y + to.h / 2,
    });
  }
  const order = [
    'pte',
    'pte-run',
    'process',
    'vma',
    'frame',
    'frame-run',
    'band',
    'mirror',
    'mirror-run',
  ];
  const changed = nodes
    .filter((n) => n.mark !== 'normal' && n.kind !== 'column')
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.y - b.y)
    .map((n) => n.id);
  const focus = bbox(changed.map((id) => byId.get(id)).filter((n): n is SceneNode => !!n));
  return {
    width: col.width,
    height: Math.max(cpuBottom, my, fy) + G.PAD,
    nodes,
    links: sceneLinks,
    movers,
    changed,
    focus,
    summary: opts.prev ? summarize(changes, prev, s) : 'The machine at boot.',
  };
}

function merge(acc: Map<string, Bundle>, x: Bundle) {
  const b = acc.get(x.key);
  if (b) {
    b.n += x.n;
    b.min = Math.min(b.min, x.min);
    b.max = Math.max(b.max, x.max);
  } else acc.set(x.key, { ...x });
}

/** How many of the sorted numbers lie in [from, to). */
function countIn(sorted: readonly number[], from: number, to: number): number {
  let n = 0;
  for (const v of sorted) if (v >= from && v < to) n += 1;
  return n;
}

function bbox(ns: readonly SceneNode[]): Rect | null {
  if (ns.length === 0) return null;
  const x = Math.min(...ns.map((n) => n.x));
  const y = Math.min(...ns.map((n) => n.y));
  const x2 = Math.max(...ns.map((n) => n.x + n.w));
  const y2 = Math.max(...ns.map((n) => n.y + n.h));
  return { x, y, w: x2 - x, h: y2 - y };
}

const LETTERS: Record<string, string> = {
  present: 'P',
  zero: 'Z',
  devmap: 'U',
  'device-private': 'D',
  migration: 'M',
  hwpoison: 'H',
};
const CLASSES: Record<string, string> = {
  present: 'k-present',
  zero: 'k-zero',
  devmap: 'k-devmap',
  'device-private': 'k-devpriv',
  migration: 'k-migration',
  hwpoison: 'k-hwpoison',
};
const letterOf = (k: string): string => LETTERS[k] ?? '';
/** "D W", "P R", "H", "none": the glyph's own text for a PTE. */
function glyphText(pte: Pte | null): string {
  if (!pte) return 'none';
  const k = pte.kind === 'present' && pte.zero ? 'zero' : pte.kind;
  return pte.kind === 'hwpoison' ? 'H' : `${letterOf(k)} ${pte.write ? 'W' : 'R'}`;
}
const clsOf = (k: string): string => CLASSES[k] ?? 'k-none';

function bundleWords(key: string): string {
  const [k, w] = key.split(':');
  return `${k === 'zero' ? 'zero page' : (k ?? '')}${w && w !== '-' ? ` ${w}` : ''}`;
}
