/**
 * The `<iframe>` snippet a lecturer pastes into slides or an LMS page. Built as text with every
 * attribute value escaped (never through innerHTML), and only for an https: page (or a local one
 * while developing): the snippet is HTML that someone else's page will parse.
 */

export interface EmbedOptions {
  readonly src: string;
  readonly title: string;
  readonly width: number;
  readonly height: number;
}

/** Escape for a double-quoted HTML attribute value. */
export function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

const LOCAL = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The URL when it may go into a snippet (https:, or http: on this machine), else null. */
export function embeddableUrl(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol === 'https:' || (u.protocol === 'http:' && LOCAL.has(u.hostname))) return u.href;
    return null;
  } catch {
    return null;
  }
}

const clampSize = (n: number, fallback: number): number =>
  Number.isFinite(n) ? Math.min(4096, Math.max(200, Math.round(n))) : fallback;

export function embedSnippet(o: EmbedOptions): string | null {
  const src = embeddableUrl(o.src);
  if (src === null) return null;
  const attrs: [string, string][] = [
    ['src', src],
    ['title', o.title.replace(/[\p{Cc}\u2028\u2029]/gu, ' ').slice(0, 200)],
    ['width', String(clampSize(o.width, 960))],
    ['height', String(clampSize(o.height, 600))],
    ['loading', 'lazy'],
    ['allow', 'fullscreen; clipboard-write'],
    ['style', 'border: 1px solid #8a929c; max-width: 100%'],
  ];
  const text = attrs.map(([k, v]) => `${k}="${escapeAttribute(v)}"`).join(' ');
  return `<iframe ${text}></iframe>`;
}
