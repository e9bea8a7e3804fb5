import { deflateSync } from "node:zlib";

/**
 * A PNG from rows the caller has already laid out as PNG scanlines (a filter byte, 0, before
 * each row), so that nothing is copied here: indexed colour (1 byte a pixel, a palette of at most
 * 256 exact colours) or 8-bit RGB. zlib at level 6 with its default strategy: on a preview card
 * (flat colours and text) levels 1–9 differ by a few percent in size and a millisecond or so in
 * time; the bench prints both.
 */
export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
const DEFLATE_LEVEL = 6;

export interface IndexedImage {
  width: number;
  height: number;
  /** RGB colours, `0xrrggbb`, at most 256. */
  palette: readonly number[];
  /** `height` rows of 1 + `width` bytes: filter byte 0, then a palette index a pixel. */
  scanlines: Uint8Array;
}

export function encodeIndexedPng(image: IndexedImage): Uint8Array<ArrayBuffer> {
  const { width, height, palette, scanlines } = image;
  if (palette.length < 1 || palette.length > 256) throw new Error(`a PNG palette has 1 to 256 colours, not ${palette.length}`);
  if (scanlines.length !== (width + 1) * height) throw new Error("scanlines do not match the image size");
  const plte = new Uint8Array(palette.length * 3);
  palette.forEach((c, i) => plte.set([(c >> 16) & 255, (c >> 8) & 255, c & 255], i * 3));
  return png([chunk("IHDR", header(width, height, 3)), chunk("PLTE", plte), chunk("IDAT", deflateSync(scanlines, { level: DEFLATE_LEVEL })), chunk("IEND", new Uint8Array(0))]);
}

/** `height` rows of 1 + 3 × `width` bytes: filter byte 0, then R, G, B a pixel. */
export function encodeRgbPng(width: number, height: number, scanlines: Uint8Array): Uint8Array<ArrayBuffer> {
  if (scanlines.length !== (width * 3 + 1) * height) throw new Error("scanlines do not match the image size");
  return png([chunk("IHDR", header(width, height, 2)), chunk("IDAT", deflateSync(scanlines, { level: DEFLATE_LEVEL })), chunk("IEND", new Uint8Array(0))]);
}

function header(width: number, height: number, colourType: 2 | 3): Uint8Array {
  const out = new Uint8Array(13);
  const view = new DataView(out.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  out[8] = 8; // bit depth
  out[9] = colourType;
  // compression, filter method, interlace: 0
  return out;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function png(chunks: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(new ArrayBuffer(8 + chunks.reduce((n, c) => n + c.length, 0)));
  out.set(PNG_SIGNATURE);
  let at = 8;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

let crcTable: Uint32Array | undefined;

/** CRC-32 as PNG chunks use it (zlib's `crc32` is missing from the Node 20 releases the engines field allows). */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]!) & 255]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
