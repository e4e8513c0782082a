/**
 * The "Copy link" action: the short built-in form for an unmodified built-in, else the compressed
 * scenario; the step and the selection in both. Says how long the link is and warns past the
 * lecture limit (Teams on Windows and old Office cut links over 2,000 characters).
 */
import type { AppStore } from '../../store/createAppStore';

import { setModes } from '../modes';
import { notify } from '../notices/notices';
import { copyText } from './clipboard';
import { loadCodec } from './codecRef';
import { LECTURE_LINK_CHARS } from '../../url/link';
import { thousands as fmt } from '../../model';
import { absoluteLink, fragmentFor, linkReady } from './linkSource';

export type LinkText = { ok: true; link: string; long: boolean } | { ok: false; error: string };

export function currentLink(store: AppStore, embed = false): LinkText {
  const r = fragmentFor(store.getState(), { embed });
  if (!r.ok) return { ok: false, error: r.error };
  return { ok: true, link: absoluteLink(r.fragment, location), long: r.long };
}

export async function copyLink(store: AppStore): Promise<void> {
  try {
    await loadCodec();
    await linkReady(store.getState());
  } catch {
    // Built-in links are written without the codec; custom ones say they are not ready.
  }
  const r = currentLink(store);
  if (!r.ok) {
    notify('error', 'copy', `No link for this scenario: ${r.error}.`);
    return;
  }
  const copied = await copyText(r.link);
  if (!copied) {
    notify(
      'warning',
      'copy',
      'The browser did not allow copying: copy the link from the Share panel.',
    );
    setModes({ popover: 'share' });
    return;
  }
  if (r.long)
    notify(
      'warning',
      'copy',
      `Link copied, but it is ${fmt(r.link.length)} characters long: Teams and older Office cut links over ${fmt(LECTURE_LINK_CHARS)}. Export the scenario as a file to share it safely.`,
    );
  else notify('info', 'copy', `Link copied (${fmt(r.link.length)} characters).`);
}
