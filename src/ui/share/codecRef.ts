/** Where the lazily loaded share codec is found once it has arrived. */
import type { Codec } from './codec';

let loaded: Codec | null = null;
let loading: Promise<Codec> | null = null;

export function registerCodec(c: Codec): void {
  loaded = c;
}

/** The codec if it has been loaded, else null. */
export function codecNow(): Codec | null {
  return loaded;
}

/** Load the codec (once); resolves with it. */
export function loadCodec(): Promise<Codec> {
  loading ??= import('./codec').then((m) => {
    registerCodec(m.codec);
    return m.codec;
  });
  return loading;
}
