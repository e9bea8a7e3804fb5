/**
 * The pixel size of an image from its header, without decoding it: PNG, JPEG (the size of its
 * first frame; EXIF orientations that turn the picture swap width and height, as browsers draw
 * them), WebP (lossy, lossless and extended), GIF and SVG (`width`/`height` in pixels, else the
 * `viewBox`). Pure and browser-safe.
 */

export type ImageSize = { ok: true; width: number; height: number } | { ok: false; problem: string };

const fail = (problem: string): ImageSize => ({ ok: false, problem });
const size = (width: number, height: number): ImageSize =>
  width > 0 && height > 0 ? { ok: true, width, height } : fail(`its header gives a size of ${width}×${height} pixels`);

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0): boolean => sig.every((b, i) => bytes[at + i] === b);
const ascii = (bytes: Uint8Array, from: number, to: number): string => String.fromCharCode(...bytes.subarray(from, to));
const u16be = (b: Uint8Array, i: number): number => (b[i]! << 8) | b[i + 1]!;
const u16le = (b: Uint8Array, i: number): number => b[i]! | (b[i + 1]! << 8);
const u24le = (b: Uint8Array, i: number): number => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
const u32be = (b: Uint8Array, i: number): number => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;

/** What a file's first bytes say it is, whatever its name: the format's extension, or null. */
export function sniffImageFormat(bytes: Uint8Array): "png" | "jpeg" | "webp" | "gif" | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "webp";
  if (bytes.length >= 6 && (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a")) return "gif";
  return null;
}

const FORMAT_NAMES: Record<string, string> = { png: "PNG", jpeg: "JPEG", webp: "WebP", gif: "GIF" };

/** The size of an image whose file extension is `ext` (`png`, `jpg`, `jpeg`, `webp`, `gif`, `svg`). */
export function readImageSize(bytes: Uint8Array, ext: string): ImageSize {
  if (ext === "svg") return svgSize(bytes);
  const expected = ext === "jpg" ? "jpeg" : ext;
  const found = sniffImageFormat(bytes);
  if (found === null) return fail(bytes.length === 0 ? "the file is empty" : `its first bytes are not those of a ${FORMAT_NAMES[expected] ?? expected} image`);
  if (found !== expected) return fail(`it holds a ${FORMAT_NAMES[found]} image, not ${FORMAT_NAMES[expected] ?? expected}`);
  switch (found) {
    case "png":
      if (bytes.length < 24 || ascii(bytes, 12, 16) !== "IHDR") return fail("its header is cut short (no IHDR chunk)");
      return size(u32be(bytes, 16), u32be(bytes, 20));
    case "gif":
      if (bytes.length < 10) return fail("its header is cut short");
      return size(u16le(bytes, 6), u16le(bytes, 8));
    case "webp":
      return webpSize(bytes);
    case "jpeg":
      return jpegSize(bytes);
  }
}

function webpSize(b: Uint8Array): ImageSize {
  if (b.length < 30) return fail("its header is cut short");
  const chunk = ascii(b, 12, 16);
  if (chunk === "VP8 ") {
    if (!startsWith(b, [0x9d, 0x01, 0x2a], 23)) return fail("its VP8 frame has no start code");
    return size(u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff);
  }
  if (chunk === "VP8L") {
    if (b[20] !== 0x2f) return fail("its lossless stream has no signature");
    const b1 = b[22]!, b2 = b[23]!, b3 = b[24]!;
    return size(1 + (((b1 & 0x3f) << 8) | b[21]!), 1 + (((b3 & 0x0f) << 10) | (b2 << 2) | ((b1 & 0xc0) >> 6)));
  }
  if (chunk === "VP8X") return size(1 + u24le(b, 24), 1 + u24le(b, 27));
  return fail(`its first chunk is "${chunk}", not VP8, VP8L or VP8X`);
}

/** Start-of-frame markers (every SOFn but DHT C4, JPG C8 and DAC CC). */
const isStartOfFrame = (m: number): boolean => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function jpegSize(b: Uint8Array): ImageSize {
  let i = 2;
  let turned = false;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return fail(`its marker at byte ${i} is broken`);
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    // Markers without a length: TEM, RSTn, SOI.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      i += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break;
    const length = u16be(b, i + 2);
    if (length < 2) return fail(`its segment at byte ${i} has a length of ${length}`);
    if (marker === 0xe1) turned ||= exifTurns(b, i + 4, Math.min(b.length, i + 2 + length));
    if (isStartOfFrame(marker)) {
      if (i + 9 > b.length) break;
      const height = u16be(b, i + 5);
      const width = u16be(b, i + 7);
      return turned ? size(height, width) : size(width, height);
    }
    i += 2 + length;
  }
  return fail("no frame header was found before its image data");
}

/** True when an APP1 Exif segment's orientation (5–8) turns the picture a quarter. */
function exifTurns(b: Uint8Array, from: number, to: number): boolean {
  if (to - from < 14 || ascii(b, from, from + 6) !== "Exif\0\0") return false;
  const tiff = from + 6;
  const little = b[tiff] === 0x49;
  const r16 = (i: number): number => (little ? u16le(b, i) : u16be(b, i));
  const r32 = (i: number): number => (little ? (u16le(b, i) | (u16le(b, i + 2) << 16)) >>> 0 : u32be(b, i));
  const ifd = tiff + r32(tiff + 4);
  if (ifd + 2 > to) return false;
  const entries = r16(ifd);
  for (let e = 0; e < entries; e++) {
    const at = ifd + 2 + e * 12;
    if (at + 12 > to) return false;
    if (r16(at) === 0x0112) {
      const orientation = r16(at + 8);
      return orientation >= 5 && orientation <= 8;
    }
  }
  return false;
}

const SVG_UNITS = /^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px)?\s*$/;

/** An SVG's size from its root element: `width`/`height` in pixels (or unitless), else the `viewBox`. */
function svgSize(bytes: Uint8Array): ImageSize {
  const head = new TextDecoder("utf-8").decode(bytes.subarray(0, 64 * 1024));
  const open = /<svg[\s>]/i.exec(head);
  if (!open) return fail(bytes.length === 0 ? "the file is empty" : "no <svg> element was found at its start");
  const end = head.indexOf(">", open.index);
  if (end < 0) return fail("its <svg> element is not closed");
  const tag = head.slice(open.index, end);
  const attr = (name: string): string | undefined => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, "i").exec(tag)?.slice(1).find((v) => v !== undefined);
  const px = (v: string | undefined): number | null => {
    const m = v === undefined ? null : SVG_UNITS.exec(v);
    return m ? Math.round(Number(m[1])) : null;
  };
  const w = px(attr("width"));
  const h = px(attr("height"));
  const box = attr("viewBox")?.trim().split(/[\s,]+/).map(Number);
  const bw = box && box.length === 4 && box.every(Number.isFinite) ? box[2]! : null;
  const bh = box && box.length === 4 && box.every(Number.isFinite) ? box[3]! : null;
  if (w !== null && h !== null) return size(w, h);
  if (bw !== null && bh !== null && bw > 0 && bh > 0) {
    // One given side keeps the viewBox's proportions.
    if (w !== null) return size(w, Math.round((w * bh) / bw));
    if (h !== null) return size(Math.round((h * bw) / bh), h);
    return size(Math.round(bw), Math.round(bh));
  }
  return fail("its <svg> element has neither a width and height in pixels nor a viewBox");
}
