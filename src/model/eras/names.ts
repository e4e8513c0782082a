/**
 * Where a later era's image registers the names it gives the functions the shared core traces
 * under their v4.14 names (src/model/eras/v6_12/names.ts). kernel.ts reads it for every event of
 * a step in that era; this module imports nothing, so the core stays free of import cycles.
 */
export interface KernelName {
  readonly fn: string;
  readonly file: string;
}

let modernNames: ReadonlyMap<string, KernelName> | null = null;

export function registerModernNames(names: ReadonlyMap<string, KernelName>): void {
  modernNames = names;
}

/** The v6.12 names (null until the v6.12 image has loaded). */
export const v612Names = (): ReadonlyMap<string, KernelName> | null => modernNames;
