import { Resvg } from "@resvg/resvg-js";
import { fontsForText } from "./latinFonts.ts";
import { encodeIndexedPng, encodeRgbPng } from "./pngWriter.ts";
import { cardSvg, frame, PREVIEW_HEIGHT, PREVIEW_WIDTH, textSvg, titleCardSvg, titleCardTexts, type CardText, type TitleCard } from "./previewImage.ts";
import { previewFontFound, releaseRenders, renderPng } from "./renderPng.ts";

/**
 * A title card's PNG without asking resvg for a whole 1200 × 630 image. resvg-js costs about
 * 20–30 ns for every pixel of its canvas whatever is drawn (allocating, clearing and copying the
 * pixmap), and re-reads the whole font file for every glyph it outlines. So the frame (background,
 * accent bar, mark) is drawn once a process; each line of text is drawn alone on a canvas cropped
 * to its bounding box (with fonts trimmed to Latin when it is Latin: latinFonts.ts), lines many
 * cards share (a run card's kicker and facts) once; the lines are
 * laid over the frame here, source-over exactly as resvg blends; and the result, a few flat
 * colours and their anti-aliased blends, is written as an indexed PNG with an exact palette (an
 * RGB one in the rare card with more than 256 colours). Same input, same bytes.
 */
const W = PREVIEW_WIDTH;
const H = PREVIEW_HEIGHT;
/** Pixels beyond the reported bounding box kept for anti-aliasing (resvg's bbox of text is close). */
const BLEED = 2;
/** At most about 130 KB each (a facts line of 60 characters): a few MB. */
const SHARED_LINES_KEPT = 64;

export interface LineRaster {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Premultiplied RGBA, as resvg draws it on a transparent canvas. */
  rgba: Uint8Array;
}

interface FrameRaster {
  palette: number[];
  scanlines: Uint8Array;
}

let frameRaster: FrameRaster | undefined;
/** The card being composed (one at a time: all of this is synchronous). */
let scratch: Uint8Array | undefined;
const sharedLines = new Map<string, LineRaster | null>();

export function titleCardPng(card: TitleCard): Uint8Array<ArrayBuffer> {
  // Without DejaVu every system font would be loaded for each line: draw the card in one go.
  if (!previewFontFound()) return renderPng(titleCardSvg(card));
  return composeCardPng(titleCardTexts(card).map(lineRaster));
}

/** The lines over the frame: indexed while the card has at most `maxColours` (tests lower it). */
export function composeCardPng(lines: readonly (LineRaster | null)[], maxColours = 256): Uint8Array<ArrayBuffer> {
  return composeIndexed(lines, maxColours) ?? composeRgb(lines);
}

/** Each line of a title card as drawn alone (for tests: the parts `composeCardPng` lays over the frame). */
export function titleCardLines(card: TitleCard): (LineRaster | null)[] {
  return titleCardTexts(card).map(lineRaster);
}

/** The frame drawn by resvg, as palette indices in scanline layout. */
function frameOf(): FrameRaster {
  if (frameRaster) return frameRaster;
  const image = new Resvg(frame(""), { ...RENDER_OPTIONS, background: "#ffffff" }).render();
  const rgba = image.pixels;
  releaseRenders(W * H * 4);
  const palette: number[] = [];
  const index = new Map<number, number>();
  const scanlines = new Uint8Array((W + 1) * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const s = (y * W + x) * 4;
      const c = (rgba[s]! << 16) | (rgba[s + 1]! << 8) | rgba[s + 2]!;
      let i = index.get(c);
      if (i === undefined) {
        i = palette.length;
        if (i === 256) throw new Error("the card's frame has more than 256 colours");
        palette.push(c);
        index.set(c, i);
      }
      scanlines[y * (W + 1) + 1 + x] = i;
    }
  }
  frameRaster = { palette, scanlines };
  return frameRaster;
}

const RENDER_OPTIONS = { shapeRendering: 2, textRendering: 1, imageRendering: 0 } as const;

function lineRaster(text: CardText): LineRaster | null {
  if (!text.shared) return drawLine(text);
  const key = textSvg(text);
  const kept = sharedLines.get(key);
  if (kept !== undefined) return kept;
  const drawn = drawLine(text);
  if (sharedLines.size >= SHARED_LINES_KEPT) sharedLines.clear();
  sharedLines.set(key, drawn);
  return drawn;
}

/** One line on a transparent canvas cropped to its ink (null when it draws nothing). */
function drawLine(text: CardText): LineRaster | null {
  const resvg = new Resvg(cardSvg(textSvg(text)), { font: fontsForText(text.value), ...RENDER_OPTIONS });
  const box = resvg.getBBox();
  if (!box) return null;
  const x0 = Math.max(0, Math.floor(box.x) - BLEED);
  const y0 = Math.max(0, Math.floor(box.y) - BLEED);
  const x1 = Math.min(W, Math.ceil(box.x + box.width) + BLEED);
  const y1 = Math.min(H, Math.ceil(box.y + box.height) + BLEED);
  if (x1 <= x0 || y1 <= y0) return null;
  // Whole-pixel crop: the glyphs land on the same pixel grid as on the full card.
  box.x = x0;
  box.y = y0;
  box.width = x1 - x0;
  box.height = y1 - y0;
  resvg.cropByBBox(box);
  const image = resvg.render();
  const width = image.width;
  const height = image.height;
  const rgba = image.pixels;
  releaseRenders(width * height * 4);
  return { x: x0, y: y0, width: Math.min(width, W - x0), height: Math.min(height, H - y0), rgba };
}

/** tiny-skia's source-over on 8-bit channels: `d × (255 − a) / 255`, rounded. */
const blend = (d: number, inverseAlpha: number): number => {
  return (d * inverseAlpha + 255) >> 8;
};

/** The lines laid over the frame as palette indices, or null past 256 colours. */
function composeIndexed(lines: readonly (LineRaster | null)[], maxColours: number): Uint8Array<ArrayBuffer> | null {
  const base = frameOf();
  const palette = base.palette.slice();
  const index = new Map<number, number>(palette.map((c, i) => [c, i]));
  scratch ??= new Uint8Array(base.scanlines.length);
  const scanlines = scratch;
  scanlines.set(base.scanlines);
  // Anti-aliased text repeats few (pixel, colour under it) pairs: the last one is remembered.
  let lastPixel = -1;
  let lastUnder = -1;
  let lastIndex = 0;
  for (const line of lines) {
    if (!line) continue;
    const { rgba } = line;
    const stride = rgba.length / line.height;
    for (let y = 0; y < line.height; y++) {
      const row = (line.y + y) * (W + 1) + 1 + line.x;
      for (let x = 0, s = y * stride; x < line.width; x++, s += 4) {
        const a = rgba[s + 3]!;
        if (a === 0) continue;
        const r = rgba[s]!;
        const g = rgba[s + 1]!;
        const b = rgba[s + 2]!;
        const pixel = (((r << 16) | (g << 8) | b) * 256 + a) >>> 0;
        const underIndex = scanlines[row + x]!;
        if (pixel === lastPixel && underIndex === lastUnder) {
          scanlines[row + x] = lastIndex;
          continue;
        }
        let c = (r << 16) | (g << 8) | b;
        if (a !== 255) {
          const under = palette[underIndex]!;
          const ia = 255 - a;
          c = ((r + blend((under >> 16) & 255, ia)) << 16) | ((g + blend((under >> 8) & 255, ia)) << 8) | (b + blend(under & 255, ia));
        }
        let i = index.get(c);
        if (i === undefined) {
          if (palette.length >= maxColours) return null;
          i = palette.length;
          palette.push(c);
          index.set(c, i);
        }
        lastPixel = pixel;
        lastUnder = underIndex;
        lastIndex = i;
        scanlines[row + x] = i;
      }
    }
  }
  return encodeIndexedPng({ width: W, height: H, palette, scanlines });
}

/** The same composition in RGB, for a card whose text brings more than 256 colours. */
function composeRgb(lines: readonly (LineRaster | null)[]): Uint8Array<ArrayBuffer> {
  const base = frameOf();
  const rowBytes = W * 3 + 1;
  const scanlines = new Uint8Array(rowBytes * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const c = base.palette[base.scanlines[y * (W + 1) + 1 + x]!]!;
      const d = y * rowBytes + 1 + x * 3;
      scanlines[d] = (c >> 16) & 255;
      scanlines[d + 1] = (c >> 8) & 255;
      scanlines[d + 2] = c & 255;
    }
  }
  for (const line of lines) {
    if (!line) continue;
    const stride = line.rgba.length / line.height;
    for (let y = 0; y < line.height; y++) {
      for (let x = 0; x < line.width; x++) {
        const s = y * stride + x * 4;
        const a = line.rgba[s + 3]!;
        if (a === 0) continue;
        const d = (line.y + y) * rowBytes + 1 + (line.x + x) * 3;
        for (let k = 0; k < 3; k++) scanlines[d + k] = line.rgba[s + k]! + blend(scanlines[d + k]!, 255 - a);
      }
    }
  }
  return encodeRgbPng(W, H, scanlines);
}
