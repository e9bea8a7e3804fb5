/**
 * The `shapes` example project's pictures: small RGB images of one filled shape (circle, square,
 * triangle, cross) on a noisy background, drawn from a seeded stream, and a minimal PNG encoder
 * (8-bit RGB, per-row filter chosen by the usual minimum-sum heuristic, zlib level 9 from
 * node:zlib) so the same key gives the same bytes on every generation.
 */
import { deflateSync } from "node:zlib";
import { makeRng } from "./random.ts";

export const SHAPE_CLASSES = ["circle", "square", "triangle", "cross"] as const;
export type ShapeClass = (typeof SHAPE_CLASSES)[number];

/** One drawn example: its pixels and where the shape is (its bounding box, in pixels). */
export interface ShapeImage {
  width: number;
  height: number;
  /** RGB, row by row. */
  rgb: Uint8Array;
  box: { x: number; y: number; w: number; h: number };
  /** Shape size over image size, 0–1: small shapes are the hard ones. */
  scale: number;
  /** Colour distance between shape and background, 0–1: faint shapes are hard too. */
  contrast: number;
}

function inside(cls: ShapeClass, u: number, v: number): boolean {
  // u, v in [-1, 1] relative to the shape's box
  switch (cls) {
    case "circle":
      return u * u + v * v <= 1;
    case "square":
      return Math.abs(u) <= 0.82 && Math.abs(v) <= 0.82;
    case "triangle":
      return v <= 0.9 && v >= -0.9 && Math.abs(u) <= (v + 0.9) / 1.8;
    case "cross":
      return (Math.abs(u) <= 0.3 && Math.abs(v) <= 1) || (Math.abs(v) <= 0.3 && Math.abs(u) <= 1);
  }
}

/** Draws one example of `cls` from the stream `key`; `augment` adds a flip and colour jitter. */
export function drawShape(key: string, cls: ShapeClass, size = 32, augment = false): ShapeImage {
  const rng = makeRng(`shape:${key}`);
  const scale = rng.range(0.28, 0.78);
  const r = (scale * size) / 2;
  const cx = rng.range(r, size - r);
  const cy = rng.range(r, size - r);
  const bg = [rng.int(40, 200), rng.int(40, 200), rng.int(40, 200)];
  const fg = bg.map((c) => {
    const d = rng.int(45, 150) * (rng.uniform() < 0.5 ? -1 : 1);
    return Math.max(0, Math.min(255, c + d > 255 || c + d < 0 ? c - d : c + d));
  });
  const contrast = Math.min(1, Math.hypot(fg[0]! - bg[0]!, fg[1]! - bg[1]!, fg[2]! - bg[2]!) / 260);
  const flip = augment && rng.uniform() < 0.5;
  const jitter = augment ? rng.range(0.8, 1.2) : 1;
  // Blotchy noise: a coarse grid of offsets, quantised, plus fine grain in steps of 6.
  const cells = 4;
  const coarse = Array.from({ length: (cells + 1) * (cells + 1) }, () => rng.int(-3, 3) * 8);
  const rgb = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const gx = Math.min(cells, Math.floor((x / size) * cells + 0.5));
      const gy = Math.min(cells, Math.floor((y / size) * cells + 0.5));
      const noise = coarse[gy * (cells + 1) + gx]! + rng.int(-2, 2) * 6;
      const px = flip ? size - 1 - x : x;
      const on = inside(cls, (px + 0.5 - cx) / r, (y + 0.5 - cy) / r);
      const base = on ? fg : bg;
      for (let c = 0; c < 3; c++) rgb[(y * size + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(base[c]! * jitter + noise)));
    }
  }
  const bx = flip ? size - cx - r : cx - r;
  const box = { x: Math.round(bx), y: Math.round(cy - r), w: Math.round(2 * r), h: Math.round(2 * r) };
  return { width: size, height: size, rgb, box, scale: (scale - 0.28) / 0.5, contrast };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** PNG bytes of an 8-bit RGB image. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const stride = width * 3;
  const raw = Buffer.alloc((stride + 1) * height);
  const prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const row = rgb.subarray(y * stride, (y + 1) * stride);
    const up = y === 0 ? prev : rgb.subarray((y - 1) * stride, y * stride);
    let best: Uint8Array | null = null;
    let bestType = 0;
    let bestCost = Infinity;
    for (let type = 0; type < 5; type++) {
      const out = new Uint8Array(stride);
      let cost = 0;
      for (let i = 0; i < stride; i++) {
        const a = i >= 3 ? row[i - 3]! : 0;
        const b = up[i]!;
        const c = i >= 3 ? up[i - 3]! : 0;
        const pred = type === 0 ? 0 : type === 1 ? a : type === 2 ? b : type === 3 ? (a + b) >> 1 : paeth(a, b, c);
        const v = (row[i]! - pred) & 0xff;
        out[i] = v;
        cost += v < 128 ? v : 256 - v;
      }
      if (cost < bestCost) [best, bestType, bestCost] = [out, type, cost];
    }
    raw[y * (stride + 1)] = bestType;
    raw.set(best!, y * (stride + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(raw, { level: 9 })), chunk("IEND", new Uint8Array(0))]);
}
