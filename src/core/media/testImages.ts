/** Image headers for tests: just the bytes a header reader looks at, in each format. */

const u32be = (n: number): number[] => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const u16le = (n: number): number[] => [n & 255, (n >>> 8) & 255];
const u16be = (n: number): number[] => [(n >>> 8) & 255, n & 255];
const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));

export const pngHeader = (w: number, h: number): Uint8Array => bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], u32be(13), "IHDR", u32be(w), u32be(h), [8, 6, 0, 0, 0]);
export const gifHeader = (w: number, h: number): Uint8Array => bytes("GIF89a", u16le(w), u16le(h), [0, 0, 0]);
export const webpHeader = (w: number, h: number): Uint8Array =>
  bytes("RIFF", [0, 0, 0, 0], "WEBPVP8X", [10, 0, 0, 0, 0, 0, 0, 0], [(w - 1) & 255, ((w - 1) >> 8) & 255, 0, (h - 1) & 255, ((h - 1) >> 8) & 255, 0]);
/** A JPEG with an APP0 segment, then (with `orientation`) an Exif segment, then its frame header. */
export function jpegHeader(w: number, h: number, orientation?: number): Uint8Array {
  const app0 = [0xff, 0xe0, ...u16be(16), ..."JFIF\0".split("").map((c) => c.charCodeAt(0)), 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const exif: number[] = [];
  if (orientation !== undefined) {
    const tiff = [0x4d, 0x4d, 0, 42, ...u32be(8), ...u16be(1), ...u16be(0x0112), ...u16be(3), ...u32be(1), ...u16be(orientation), 0, 0, ...u32be(0)];
    const body = [..."Exif\0\0".split("").map((c) => c.charCodeAt(0)), ...tiff];
    exif.push(0xff, 0xe1, ...u16be(body.length + 2), ...body);
  }
  const sof = [0xff, 0xc0, ...u16be(17), 8, ...u16be(h), ...u16be(w), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return Uint8Array.from([0xff, 0xd8, ...app0, ...exif, ...sof, 0xff, 0xda]);
}
export const svgText = (attrs: string): Uint8Array => new TextEncoder().encode(`<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" ${attrs}><rect width="1" height="1"/></svg>`);
