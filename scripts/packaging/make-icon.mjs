#!/usr/bin/env node
// Writes resources/icon.png, the desktop app's icon (512×512): a PLACEHOLDER, a white K on the
// Board's teal, drawn here so that the repo holds no image it cannot regenerate. Replace it with
// the Board's own artwork (same path and size) when there is one.
//   node scripts/packaging/make-icon.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const SIZE = 512;
const SAMPLES = 4; // per axis, for smooth edges
const TEAL = [11, 93, 87];
const WHITE = [255, 255, 255];
const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../resources/icon.png');

function insideRoundedSquare(x, y, margin = 16, radius = 96) {
  const lo = margin + radius;
  const hi = SIZE - margin - radius;
  const dx = Math.max(lo - x, 0, x - hi);
  const dy = Math.max(lo - y, 0, y - hi);
  return dx * dx + dy * dy <= radius * radius;
}

function nearSegment(x, y, [ax, ay], [bx, by], halfWidth) {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) <= halfWidth;
}

function insideK(x, y) {
  const stem = x >= 150 && x <= 218 && y >= 116 && y <= 396;
  const arms = x >= 190 && y >= 116 && y <= 396 && (nearSegment(x, y, [200, 280], [362, 116], 36) || nearSegment(x, y, [246, 236], [372, 396], 36));
  return stem || arms;
}

function pixel(px, py) {
  let square = 0;
  let letter = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = px + (sx + 0.5) / SAMPLES;
      const y = py + (sy + 0.5) / SAMPLES;
      if (!insideRoundedSquare(x, y)) continue;
      square++;
      if (insideK(x, y)) letter++;
    }
  }
  const n = SAMPLES * SAMPLES;
  const mix = square ? letter / square : 0;
  const rgb = TEAL.map((c, i) => Math.round(c + (WHITE[i] - c) * mix));
  return [...rgb, Math.round((255 * square) / n)];
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function iconPng() {
  const rows = Buffer.alloc(SIZE * (1 + SIZE * 4));
  for (let y = 0; y < SIZE; y++) {
    const row = y * (1 + SIZE * 4); // each row starts with filter type 0
    for (let x = 0; x < SIZE; x++) Buffer.from(pixel(x, y)).copy(rows, row + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter set, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.writeFileSync(OUT, iconPng());
  console.log(`Wrote ${path.relative(process.cwd(), OUT)} (${SIZE}×${SIZE}, a placeholder icon)`);
}
