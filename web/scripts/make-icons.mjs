#!/usr/bin/env node
// Writes the app icons (web/static/icons/*.png): Omloop's dark green ring on white, as in
// favicon.svg. Only node:zlib, so it runs anywhere: `node web/scripts/make-icons.mjs`.
import { Buffer } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const RING = [0x1f, 0x6f, 0x4a]; // --c-brand, the favicon's stroke
const PAPER = [0xff, 0xff, 0xff];
const OUT = new URL('../static/icons/', import.meta.url);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
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

/**
 * A size×size RGB PNG of a ring centred in the square. `radius` and `stroke` are fractions of
 * the size (the favicon: 11/32 and 5/32); edges are smoothed by 4×4 supersampling.
 */
function ringPng(size, radius, stroke) {
  const c = size / 2;
  const inner = (radius - stroke / 2) * size;
  const outer = (radius + stroke / 2) * size;
  const S = 4;
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3); // filter byte 0 (None), then RGB triples
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) {
          const d = Math.hypot(x + (sx + 0.5) / S - c, y + (sy + 0.5) / S - c);
          if (d >= inner && d <= outer) hits++;
        }
      const a = hits / (S * S);
      for (let i = 0; i < 3; i++) row[1 + x * 3 + i] = Math.round(PAPER[i] * (1 - a) + RING[i] * a);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter
  ihdr[12] = 0; // no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// "any" icons: the favicon's proportions. The maskable one keeps the ring (outer edge 0.315 of
// the size) well inside the 0.4 safe-zone circle, so no launcher mask cuts it.
const icons = [
  ['icon-192.png', 192, 11 / 32, 5 / 32],
  ['icon-512.png', 512, 11 / 32, 5 / 32],
  ['icon-maskable-512.png', 512, 0.26, 0.11],
];
for (const [name, size, radius, stroke] of icons) {
  writeFileSync(new URL(name, OUT), ringPng(size, radius, stroke));
  console.log(`wrote web/static/icons/${name}`);
}
