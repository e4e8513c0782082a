// Draws the app icons (public/icons/*.png, the tab's favicon-32.png among them) from the same
// shapes as public/favicon.svg: a blue rounded square with two white pages, an orange device page
// and an orange dot. No dependencies: 4×4 supersampling into RGBA, PNG written with node:zlib.
// Run: node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE = [0x00, 0x72, 0xb2];
const WHITE = [0xff, 0xff, 0xff];
const ORANGE = [0xe6, 0x9f, 0x00];

/** Shapes on a 32-unit canvas, painted in order. maskable ones are scaled into the safe zone. */
function shapes(maskable) {
  const s = maskable ? 0.75 : 1; // maskable: content stays inside the safe circle (radius 40%)
  const o = (32 - 32 * s) / 2;
  const t = (v) => o + v * s;
  return [
    maskable
      ? { kind: 'rect', x: 0, y: 0, w: 32, h: 32, r: 0, c: BLUE }
      : { kind: 'rect', x: 0, y: 0, w: 32, h: 32, r: 6, c: BLUE },
    { kind: 'rect', x: t(6), y: t(6), w: 8 * s, h: 8 * s, r: 0, c: WHITE },
    { kind: 'rect', x: t(18), y: t(6), w: 8 * s, h: 8 * s, r: 0, c: ORANGE },
    { kind: 'circle', cx: t(10), cy: t(22), r: 4 * s, c: ORANGE },
    { kind: 'rect', x: t(18), y: t(18), w: 8 * s, h: 8 * s, r: 0, c: WHITE },
  ];
}

function inside(shape, x, y) {
  if (shape.kind === 'circle') return (x - shape.cx) ** 2 + (y - shape.cy) ** 2 <= shape.r ** 2;
  const { x: sx, y: sy, w, h, r } = shape;
  if (x < sx || y < sy || x > sx + w || y > sy + h) return false;
  const cx = Math.min(Math.max(x, sx + r), sx + w - r);
  const cy = Math.min(Math.max(y, sy + r), sy + h - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function render(size, maskable) {
  const list = shapes(maskable);
  const px = Buffer.alloc(size * size * 4);
  const SS = 4;
  for (let py = 0; py < size; py++) {
    for (let pxi = 0; pxi < size; pxi++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const x = ((pxi + (sx + 0.5) / SS) / size) * 32;
          const y = ((py + (sy + 0.5) / SS) / size) * 32;
          let c = null;
          for (const sh of list) if (inside(sh, x, y)) c = sh.c;
          if (c) {
            acc[0] += c[0];
            acc[1] += c[1];
            acc[2] += c[2];
            acc[3] += 255;
          }
        }
      }
      const n = SS * SS;
      const a = acc[3] / n;
      const i = (py * size + pxi) * 4;
      // Colour averaged over covered samples only (no dark fringe), alpha from coverage.
      const covered = acc[3] / 255;
      px[i] = covered ? Math.round(acc[0] / covered) : 0;
      px[i + 1] = covered ? Math.round(acc[1] / covered) : 0;
      px[i + 2] = covered ? Math.round(acc[2] / covered) : 0;
      px[i + 3] = Math.round(a);
    }
  }
  return px;
}

const CRC = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync('public/icons', { recursive: true });
for (const [name, size, maskable] of [
  // The tab's icon: a PNG, not favicon.svg. Chromium downloads the page's icon again on every
  // history write (each step's replaceState), and an SVG icon is decoded on the page's main
  // thread as a whole SVG document: 5–17 ms in the middle of the map's transition.
  ['favicon-32.png', 32, false],
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['maskable-512.png', 512, true],
  ['apple-touch-icon-180.png', 180, true],
]) {
  writeFileSync(`public/icons/${name}`, png(size, render(size, maskable)));
  console.log(`public/icons/${name}`);
}
