/** struct page as labelled fields, and which of them changed since the previous step. */
import type { Page } from '../../model';
import { hex } from '../shared/format';

export interface Field {
  readonly key: string;
  readonly label: string;
  readonly value: string;
}

function mapping(p: Page): string {
  if (p.mapping === null) return 'NULL';
  return p.mapping.kind === 'anon'
    ? 'anon_vma (PAGE_MAPPING_ANON)'
    : `shmem file ${p.mapping.file}, index ${p.mapping.index}`;
}

export function pageFields(p: Page, free: boolean): Field[] {
  const flags =
    [
      p.locked ? 'PG_locked' : '',
      p.lru ? 'PG_lru' : '',
      p.reserved ? 'PG_reserved' : '',
      p.hwpoison ? 'PG_hwpoison' : '',
    ]
      .filter(Boolean)
      .join(' ') || '—';
  return [
    { key: 'pfn', label: 'pfn', value: hex(p.pfn) },
    { key: 'phys', label: 'physical address', value: hex(p.pfn * 4096) },
    {
      key: 'memory',
      label: 'memory',
      value: p.memory === 'system' ? 'System RAM' : `ZONE_DEVICE ${p.memory}`,
    },
    { key: 'device', label: 'pgmap (device)', value: p.device ?? '—' },
    {
      key: 'state',
      label: 'state',
      // The zero page is a kernel-image page: never free, never allocated.
      value: p.reserved ? 'reserved (the zero page)' : free ? 'free' : 'in use',
    },
    { key: 'refcount', label: '_refcount', value: String(p.refcount) },
    { key: 'mapcount', label: 'mapcount', value: String(p.mapcount) },
    { key: 'flags', label: 'flags', value: flags },
    { key: 'mapping', label: 'mapping', value: mapping(p) },
    { key: 'value', label: 'value', value: String(p.value) },
    { key: 'memcg', label: 'mem_cgroup', value: p.memcg ? 'charged' : '—' },
    { key: 'pins', label: 'pins (gup)', value: String(p.pins) },
    { key: 'allocated', label: 'driver allocated', value: p.allocated ? 'yes' : 'no' },
  ];
}

/** Keys of fields whose value differs from `before` (all of them when there is no before). */
export function changedFields(now: readonly Field[], before: readonly Field[] | null): Set<string> {
  if (before === null) return new Set();
  const prev = new Map(before.map((f) => [f.key, f.value]));
  return new Set(now.filter((f) => prev.get(f.key) !== f.value).map((f) => f.key));
}
