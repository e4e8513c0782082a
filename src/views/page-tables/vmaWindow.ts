/**
 * Which PTEs of a VMA are drawn: a window of at most `size` pages, so a 1 GiB mapping costs what
 * fits on screen. Pure math, unit-tested.
 */
import type { Vma } from '../../model';

/**
 * Pages per VMA window so all windows together stay within `budget` cells. DOM cells are cheap to
 * build but not to paint in software raster: 64 cells repaint in about 1 ms on the bench machine.
 */
export function windowSize(vmaCount: number, budget = 384, min = 16, max = 64): number {
  if (vmaCount <= 0) return max;
  return Math.max(min, Math.min(max, Math.floor(budget / vmaCount)));
}

export const vmaPages = (vma: Vma): number => vma.end - vma.start;

/** Clamp a window offset (pages from vma.start) to a multiple of size inside the VMA. */
export function clampOffset(vma: Vma, offset: number, size: number): number {
  const pages = vmaPages(vma);
  const lastStart = Math.max(0, Math.floor((pages - 1) / size) * size);
  return Math.max(0, Math.min(lastStart, Math.floor(offset / size) * size));
}

/** The window offset that shows `vpn`, or the current one if it already does. */
export function followOffset(vma: Vma, offset: number, size: number, vpn: number): number {
  if (vpn < vma.start || vpn >= vma.end) return offset;
  const rel = vpn - vma.start;
  if (rel >= offset && rel < offset + size) return offset;
  return clampOffset(vma, rel, size);
}

/** "rw-p" style flags, like /proc/pid/maps, plus words for the reader. */
export function vmaFlags(vma: Vma): { perms: string; words: string[] } {
  const r = vma.prot === 'none' ? '-' : 'r';
  const w = vma.prot.includes('w') ? 'w' : '-';
  const x = vma.prot.includes('x') ? 'x' : '-';
  const perms = `${r}${w}${x}${vma.shared ? 's' : 'p'}`;
  const words = [vma.shared ? 'shared' : 'private', vma.anonymous ? 'anonymous' : 'file'];
  if (!vma.shared) words.push('COW');
  // vma->anon_vma: fork copies this VMA's PTEs only when it has one (copy_page_range).
  if (!vma.shared) words.push(vma.anonVma ? 'anon_vma' : 'no anon_vma');
  if (vma.prot === 'none') words.push('PROT_NONE');
  return { perms, words };
}
