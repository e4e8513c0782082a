/** The map as data: what layoutMap returns and the renderer, the names and export draw. */
import type { Selection } from '../../store/types';

export type NodeKind =
  | 'column'
  | 'process'
  | 'vma'
  | 'pte'
  | 'pte-run'
  | 'band'
  | 'frame'
  | 'frame-run'
  | 'frames-more'
  | 'mirror-table'
  | 'mirror'
  | 'mirror-run';

/** normal; added / changed this step; ghost: gone this step, drawn where it was; leak. */
export type Mark = 'normal' | 'added' | 'changed' | 'ghost';

export interface SceneNode {
  /** Stable across steps: the same object has the same id in every frame. */
  readonly id: string;
  readonly kind: NodeKind;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** First line of visible text. */
  readonly label: string;
  /** Second line (numbers, "ref 2 → 1"), or ''. */
  readonly detail: string;
  /**
   * The second line without what matters least at a step (a band's size), drawn when `detail`
   * does not fit its box even condensed (a phone's narrow frames): whole words, not a line cut in
   * the middle (paintNode.ts fitLine).
   */
  readonly detailShort?: string;
  /** Short glyph text (PTE letter + write bit), or ''. */
  readonly glyph: string;
  /** Colour/shape class (k-present, m-ram, …). */
  readonly cls: string;
  readonly mark: Mark;
  /** A frame whose refcount has references no link explains. */
  readonly leak: boolean;
  /** A PTE whose fault this step repeated with nothing changing (a livelock). */
  readonly stuck: boolean;
  /** Accessible name: says what it is, where it points and what this step did to it. */
  readonly name: string;
  /** What selecting it selects in the store, or null (not selectable). */
  readonly select: Selection | null;
  /** Chain keys for highlighting: "pte:pid:vpn", "pfn:N", "dev:id". */
  readonly keys: readonly string[];
  /** A value the page holds, drawn as a chip (frames), or null. */
  readonly value: number | null;
}

export type LinkKind =
  | 'present'
  | 'zero'
  | 'devmap'
  | 'device-private'
  | 'migration'
  | 'device-exclusive'
  | 'hwpoison'
  | 'mirror';

export interface SceneLink {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly kind: LinkKind;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  /** The CPU cannot follow it (a device-private swap entry). */
  readonly broken: boolean;
  readonly write: boolean;
  readonly mark: Mark;
  /** Links bundled into this one (1 for a single mapping). */
  readonly count: number;
  readonly name: string;
  readonly keys: readonly string[];
}

/** A page's value travelling from its old frame to its new one (migration). */
export interface Mover {
  readonly id: string;
  readonly value: number;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface Scene {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly SceneNode[];
  readonly links: readonly SceneLink[];
  readonly movers: readonly Mover[];
  /** Ids of nodes this step changed, most important first (PTEs, then frames, then mirrors). */
  readonly changed: readonly string[];
  /** The bounding box of what changed, or null. */
  readonly focus: Rect | null;
  /** The row of the PTE the step's op names (subject.ts), if drawn: shown when nothing changed. */
  readonly subject: string | null;
  readonly summary: string;
}

export interface Viewport {
  readonly width: number;
  readonly height: number;
}
