/**
 * The shared state of one layout pass: the nodes placed so far, the links still to resolve (their
 * ends are placed by different columns), the frames some column asked to see one by one and the
 * frame runs aggregated rows point at. Each column's file (layoutProcesses, layoutMirrors,
 * layoutFrames) adds to it; layoutLinks resolves it into the Scene.
 */
import type { KernelState } from '../../model';
import type { Band } from './bands';
import { bandOf } from './bands';
import type { ChangeIndex } from './changeIndex';
import { frameRunId } from './frameRuns';
import type { Columns, Metrics } from './geometry';
import type { Bundle } from './leafStats';
import type { LinkKind, Mark, SceneNode } from './scene';

export interface PendingLink {
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
  /** The source is to the right of its target (mirror → frame). */
  readonly fromRight: boolean;
}

/** Frames aggregated into one row of a band: what a bundle of links points at. */
export interface FrameRun {
  readonly id: string;
  readonly band: Band;
  readonly min: number;
  readonly max: number;
  readonly n: number;
  changed: number;
}

export type NodeInput = Partial<SceneNode> & Pick<SceneNode, 'id' | 'kind' | 'x' | 'y' | 'w' | 'h'>;

export interface SceneBuilder {
  readonly s: KernelState;
  readonly prev: KernelState;
  readonly ix: ChangeIndex;
  readonly bands: readonly Band[];
  readonly col: Columns;
  readonly M: Metrics;
  readonly budget: number;
  /** The PTE a livelocked fault kept hitting this step ("pid:vpn"), or null. */
  readonly stuck: string | null;
  /** The PTE the step's op names ("pid:vpn", subject.ts), or null: drawn as its own row. */
  readonly subject: string | null;
  readonly nodes: SceneNode[];
  readonly byId: Map<string, SceneNode>;
  readonly links: PendingLink[];
  /** Frames drawn one by one (a link, a change, a leak, the selection). */
  readonly frames: Set<number>;
  readonly runs: Map<string, FrameRun>;
  node(n: NodeInput): SceneNode;
  /** Ask for a frame to be drawn; returns its node id. */
  wantFrame(pfn: number): string;
  /** The frame run a bundle of links points at (null outside every band). */
  runFor(b: Bundle): string | null;
  /** "System RAM", "dmirror0 memory". */
  where(pfn: number): string;
}

export function sceneBuilder(
  s: KernelState,
  prev: KernelState,
  ix: ChangeIndex,
  bands: readonly Band[],
  col: Columns,
  M: Metrics,
  budget: number,
  stuck: string | null = null,
  subject: string | null = null,
): SceneBuilder {
  const nodes: SceneNode[] = [];
  const byId = new Map<string, SceneNode>();
  const frames = new Set<number>();
  const runs = new Map<string, FrameRun>();
  return {
    s,
    prev,
    ix,
    bands,
    col,
    M,
    budget,
    stuck,
    subject,
    nodes,
    byId,
    links: [],
    frames,
    runs,
    node(n) {
      const full: SceneNode = {
        label: '',
        detail: '',
        glyph: '',
        cls: '',
        mark: 'normal',
        leak: false,
        stuck: false,
        name: '',
        select: null,
        keys: [],
        value: null,
        ...n,
      };
      nodes.push(full);
      byId.set(full.id, full);
      return full;
    },
    wantFrame(pfn) {
      frames.add(pfn);
      return `frame:${pfn}`;
    },
    runFor(b) {
      const band = bandOf(bands, b.min);
      if (!band) return null;
      const id = frameRunId(band, b.min, b.max);
      if (!runs.has(id)) runs.set(id, { id, band, min: b.min, max: b.max, n: b.n, changed: 0 });
      return id;
    },
    where(pfn) {
      const b = bandOf(bands, pfn);
      return b ? (b.type === 'ram' ? 'System RAM' : `${b.id} memory`) : 'no memory';
    },
  };
}

/** normal; added / changed this step; ghost: gone this step (or drawn as gone). */
export const markOf = (c: { before: unknown; after: unknown } | undefined, ghost = false): Mark =>
  !c ? 'normal' : c.before === null ? 'added' : c.after === null || ghost ? 'ghost' : 'changed';
