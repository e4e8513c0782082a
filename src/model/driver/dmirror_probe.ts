/**
 * Driver probe and removal: hmm_device_new, then the first chunk of device memory
 * (hmm_devmem_add for DEVICE_PRIVATE; for DEVICE_PUBLIC the platform describes a range and the
 * driver calls hmm_devmem_add_resource), and hmm_devmem_remove on the way out.
 */
import type { Kernel } from '../kernel';
import { call, trace } from '../kernel';
import type { Device, DeviceId, DeviceType, Resource } from '../types';
import { DEVMEM_CHUNK_PAGES, PAGE_SIZE } from '../types';
import type { DeviceKind } from '../ops';
import { Errno } from '../ops';
import { hex } from '../ids';
import { hmm_devmem_add_resource, hmm_devmem_remove } from '../hmm_devmem';
import { region_intersects, request_mem_region } from '../resource';
import { hmm_mirror_unregister, mirroredBy } from '../hmm_mirror_register';
import { own } from '../own';
import { emptyFreeList } from '../free_list';
import { dmirror_allocate_chunk } from './dmirror_devmem';
import { DMIRROR, dmirrorOf, newDmirrorDevice } from './dmirror_data';
import { isModern } from '../eras/spec';

const FILE = 'lib/test_hmm.c';
const HMM_DEVICE_MAX = 256;

export function dmirror_probe(k: Kernel, id: DeviceId, kind: DeviceKind): number {
  return call(k, 'dmirror_probe', FILE, `${id}: ${kind} device memory`, () => {
    const modern = isModern(k.s);
    // (A v6.12 build refuses public memory before this, driver/v6_12.ts.)
    if (kind === 'coherent' && !modern) {
      trace(k, 'dmirror_probe', FILE, 'MEMORY_DEVICE_COHERENT arrives in v6.0: -ENOTTY in v4.14');
      return -Errno.ENOTTY;
    }
    if (own(k.s.devices, id)) return -Errno.EBUSY;
    if (k.s.nextMinor >= HMM_DEVICE_MAX) {
      trace(k, 'hmm_device_new', 'mm/hmm.c', 'all 256 minors taken: -EBUSY');
      return -Errno.EBUSY;
    }
    const minor = k.s.nextMinor;
    k.s.nextMinor += 1;
    if (modern) {
      trace(k, 'dmirror_device_init', FILE, `cdev /dev/hmm_dmirror${minor} (minor ${minor})`);
    } else {
      trace(k, 'hmm_device_new', 'mm/hmm.c', `device hmm_device${minor} (minor ${minor})`);
    }
    const type: DeviceType = kind;
    const dev: Device = {
      id,
      type,
      minor,
      driver: DMIRROR,
      chunks: [],
      removed: false,
    };
    k.s.devices[id] = dev;
    k.s.drvdata[id] = newDmirrorDevice();
    k.s.deviceOrder.push(id);
    const ok = type === 'public' ? addPublic(k, id) : dmirror_allocate_chunk(k, id);
    if (!ok) {
      k.s.deviceOrder = k.s.deviceOrder.filter((d) => d !== id);
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- probe failed: no device
      delete k.s.devices[id];
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- nor its driver data
      delete k.s.drvdata[id];
      return -Errno.ENOMEM;
    }
    return 0;
  });
}

/**
 * DEVICE_PUBLIC: v4.14 expects the platform (firmware) to describe the coherent range. The model's
 * platform places it like hmm_devmem_add would, top-down, and registers it before the driver runs.
 */
function addPublic(k: Kernel, id: DeviceId): boolean {
  const size = DEVMEM_CHUNK_PAGES * PAGE_SIZE;
  let res: Resource | null = null;
  for (let addr = 2 ** k.s.machine.physBits - size; addr > size; addr -= size) {
    if (region_intersects(k.s, addr, size, false) !== 'REGION_DISJOINT') continue;
    res = request_mem_region(k, addr, size, id, 'IORES_DESC_DEVICE_PUBLIC_MEMORY');
    break;
  }
  if (!res) return false;
  trace(
    k,
    'platform',
    'drivers/base/platform.c',
    `firmware describes coherent memory at ${hex(res.start)}`,
  );
  const r = hmm_devmem_add_resource(k, DMIRROR, res);
  const d = own(k.s.devices, id);
  const dd = dmirrorOf(k, id);
  if (!r.ok || !d || !dd) return false;
  d.chunks.push(r.devmem);
  dd.freePages = r.devmem.pfnLast - r.devmem.pfnFirst;
  dd.freeList.fresh = r.devmem.pfnFirst;
  return true;
}

export function dmirror_remove(k: Kernel, id: DeviceId): number {
  return call(k, 'dmirror_remove', FILE, `${id}: driver unbind`, () => {
    const d = own(k.s.devices, id);
    const dd = dmirrorOf(k, id);
    if (!d || !dd || d.removed) return -Errno.ENODEV;
    for (const pid of mirroredBy(k, id)) hmm_mirror_unregister(k, id, pid);
    dd.mirrors = {};
    for (const c of d.chunks) if (c.live) hmm_devmem_remove(k, id, c, d.type);
    trace(k, 'hmm_device_put', 'mm/hmm.c', `release hmm_device${d.minor}`);
    d.removed = true;
    dd.freeList = { recycled: emptyFreeList(), fresh: null };
    dd.freePages = 0;
    return 0;
  });
}
