/**
 * The Content-Security-Policy of the built app (goal G-S4), as a <meta> tag injected at the top of
 * <head> by the production build only: the dev server needs inline scripts and styles (React
 * refresh, CSS hot reload) that this policy forbids. `frame-ancestors` (who may embed the app)
 * cannot be set by a <meta> tag; a host that serves headers should add it (docs/adr/0005-csp-offline.md).
 */
import type { Plugin } from 'vite';

export const CSP_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "worker-src 'self'",
];

export const CSP = CSP_DIRECTIVES.join('; ');

export function cspMeta(): Plugin {
  return {
    name: 'hmm-explorer:csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}
