/**
 * Lookups by a name that came from outside (a scenario's device name, a link's `sel=dev.…`). A
 * plain object answers `devices['constructor']` with Object.prototype's member, which the caller
 * then treats as a device and crashes on; `own` answers only with the object's own properties.
 * eslint.config.js forbids the computed read `x.devices[name]` so that every such lookup comes here.
 */
export function own<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
