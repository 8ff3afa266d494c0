// Draws the extension's marketplace icon (resources/icon.png, 128×128): the activity bar's shield
// with a check mark, white on a dark blue rounded square. Plain pixels and a PNG encoder of a few
// lines, so that the icon is made from this file alone: `node scripts/icon.mjs`.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 128;
const scale = size / 24; // the SVG's 24-unit box
const background = [30, 58, 95];
const foreground = [255, 255, 255];

/** Distance from point p to the segment a–b. */
function segmentDistance(p, a, b) {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

// The shield's outline and the check, as polylines in SVG units (the curves flattened).
const shield = [
  [12, 2.5],
  [4, 5.5],
  [4, 11.5],
  [4.6, 14.6],
  [6.4, 17.4],
  [9, 19.8],
  [12, 21.5],
  [15, 19.8],
  [17.6, 17.4],
  [19.4, 14.6],
  [20, 11.5],
  [20, 5.5],
  [12, 2.5],
];
const check = [
  [8.5, 12],
  [11, 14.5],
  [15.5, 9.5],
];
const stroke = 1.6;

function coverage(x, y) {
  // 4×4 samples per pixel, for smooth edges.
  let hits = 0;
  for (let sy = 0; sy < 4; sy++)
    for (let sx = 0; sx < 4; sx++) {
      const p = [(x + (sx + 0.5) / 4) / scale, (y + (sy + 0.5) / 4) / scale];
      const near = (line) => line.slice(1).some((b, i) => segmentDistance(p, line[i], b) <= stroke / 2);
      if (near(shield) || near(check)) hits++;
    }
  return hits / 16;
}

function insideRoundedSquare(x, y) {
  const r = 20;
  const cx = Math.min(Math.max(x + 0.5, r), size - r);
  const cy = Math.min(Math.max(y + 0.5, r), size - r);
  return Math.hypot(x + 0.5 - cx, y + 0.5 - cy) <= r;
}

const rows = [];
for (let y = 0; y < size; y++) {
  const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
  for (let x = 0; x < size; x++) {
    const a = coverage(x, y);
    const color = background.map((c, i) => Math.round(c + (foreground[i] - c) * a));
    row.set([...color, insideRoundedSquare(x, y) ? 255 : 0], 1 + x * 4);
  }
  rows.push(row);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
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

const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../resources/icon.png', import.meta.url), png);
