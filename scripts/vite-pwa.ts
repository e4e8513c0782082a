/**
 * The installable, offline app: vite-plugin-pwa in generateSW mode precaches everything the build
 * emits, so the second visit works with no network. The service worker is registered by an
 * external registerSW.js (`injectRegister: 'script'`): an inline script would break the CSP.
 */
import { VitePWA } from 'vite-plugin-pwa';

export function pwa() {
  return VitePWA({
    registerType: 'autoUpdate',
    injectRegister: 'script',
    includeAssets: ['favicon.svg', 'icons/favicon-32.png', 'icons/apple-touch-icon-180.png'],
    manifest: {
      name: 'HMM Explorer',
      short_name: 'HMM Explorer',
      description:
        'See how the Linux kernel (v4.14) manages device memory (ZONE_DEVICE / HMM), step by step.',
      lang: 'en',
      start_url: './',
      scope: './',
      display: 'standalone',
      theme_color: '#0072b2',
      background_color: '#ffffff',
      icons: [
        { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
      navigateFallback: 'index.html',
      cleanupOutdatedCaches: true,
      // A new build takes over at once (autoUpdate), and the first visit is controlled without a
      // reload, so it already works offline.
      clientsClaim: true,
      skipWaiting: true,
    },
  });
}
