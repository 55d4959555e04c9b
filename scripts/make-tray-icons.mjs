#!/usr/bin/env node
// Draws the tray icons, one per state (idle, working, attention, paused), in colour for Windows
// and Linux and as monochrome template images for the macOS menu bar, at 16 px and 32 px (@2x).
// Plain Node (zlib) so that anyone can redraw them: `node scripts/make-tray-icons.mjs`.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

const outDir = path.resolve(import.meta.dirname, '..', 'resources', 'tray');

// ---- Shapes in unit coordinates (0..1), y downwards ----
const roundedSquare = (inset, radius) => (x, y) => {
  const lo = inset;
  const hi = 1 - inset;
  if (x < lo || x > hi || y < lo || y > hi) return false;
  const cx = Math.min(Math.max(x, lo + radius), hi - radius);
  const cy = Math.min(Math.max(y, lo + radius), hi - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
};
const triangle = (ax, ay, bx, by, cx, cy) => (x, y) => {
  const side = (px, py, qx, qy) => (x - qx) * (py - qy) - (px - qx) * (y - qy);
  const d1 = side(ax, ay, bx, by);
  const d2 = side(bx, by, cx, cy);
  const d3 = side(cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r ** 2;
const union =
  (...shapes) =>
  (x, y) =>
    shapes.some((shape) => shape(x, y));

const square = roundedSquare(0.06, 0.2);
const play = triangle(0.37, 0.27, 0.37, 0.73, 0.76, 0.5);
const pause = union(rect(0.32, 0.28, 0.44, 0.72), rect(0.56, 0.28, 0.68, 0.72));
const bang = union(rect(0.44, 0.22, 0.56, 0.6), circle(0.5, 0.74, 0.075));
const badge = circle(0.8, 0.8, 0.2);
const badgeRing = circle(0.8, 0.8, 0.29);

const INDIGO = [91, 79, 228];
const GREEN = [34, 197, 94];
const AMBER = [217, 119, 6];
const GREY = [120, 126, 138];
const WHITE = [255, 255, 255];
const BLACK = [0, 0, 0];

/** Layers painted in order: [shape, colour] or [shape, 'clear'] to cut through what is below. */
const designs = {
  colour: {
    idle: [
      [square, INDIGO],
      [play, WHITE],
    ],
    working: [
      [square, INDIGO],
      [play, WHITE],
      [badgeRing, 'clear'],
      [badge, GREEN],
    ],
    attention: [
      [square, AMBER],
      [bang, WHITE],
    ],
    paused: [
      [square, GREY],
      [pause, WHITE],
    ],
  },
  template: {
    idle: [
      [square, BLACK],
      [play, 'clear'],
    ],
    working: [
      [square, BLACK],
      [play, 'clear'],
      [badgeRing, 'clear'],
      [badge, BLACK],
    ],
    attention: [
      [square, BLACK],
      [bang, 'clear'],
    ],
    paused: [
      [square, BLACK],
      [pause, 'clear'],
    ],
  },
};

function draw(layers, size) {
  const pixels = new Float64Array(size * size * 4);
  const samples = 6;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const [shape, colour] of layers) {
        let hits = 0;
        for (let sy = 0; sy < samples; sy += 1) {
          for (let sx = 0; sx < samples; sx += 1) {
            if (shape((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)) {
              hits += 1;
            }
          }
        }
        const coverage = hits / samples ** 2;
        if (coverage === 0) continue;
        if (colour === 'clear') {
          a *= 1 - coverage;
          continue;
        }
        const outA = coverage + a * (1 - coverage);
        const mix = (top, bottom) => (top * coverage + bottom * a * (1 - coverage)) / outA;
        [r, g, b, a] = [mix(colour[0], r), mix(colour[1], g), mix(colour[2], b), outA];
      }
      pixels.set([r, g, b, a * 255], (py * size + px) * 4);
    }
  }
  return pixels;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
function png(pixels, size) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    raw[y * (size * 4 + 1)] = 0;
    for (let i = 0; i < size * 4; i += 1) {
      raw[y * (size * 4 + 1) + 1 + i] = Math.round(pixels[y * size * 4 + i]);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(outDir, { recursive: true });
for (const [style, states] of Object.entries(designs)) {
  for (const [state, layers] of Object.entries(states)) {
    const base = style === 'template' ? `tray-${state}Template` : `tray-${state}`;
    for (const [suffix, size] of [
      ['', 16],
      ['@2x', 32],
    ]) {
      writeFileSync(path.join(outDir, `${base}${suffix}.png`), png(draw(layers, size), size));
    }
  }
}
console.log(`Tray icons written to ${path.relative(process.cwd(), outDir)}/`);
