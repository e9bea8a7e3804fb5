import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ResvgRenderOptions } from "@resvg/resvg-js";
import { previewFontFound, previewFonts } from "./renderPng.ts";
import { trimFont } from "./trimmedFont.ts";

type FontOptions = NonNullable<ResvgRenderOptions["font"]>;

/**
 * Latin, its accents and IPA, general punctuation, super- and subscripts, currency, letterlike
 * symbols and arrows: what run names, notes and facts are nearly always made of.
 */
const KEPT: readonly [number, number][] = [
  [0x0000, 0x036f],
  [0x1e00, 0x1eff],
  [0x2000, 0x214f],
  [0x2190, 0x21ff],
];
/** Part of the trimmed files' folder name: change it when `trimFont` or `KEPT` changes. */
const TRIM_VERSION = "1";

export function keptCodePoint(c: number): boolean {
  return KEPT.some(([from, to]) => c >= from && c <= to);
}

let trimmed: FontOptions | null | undefined;

/**
 * The fonts to draw `text` with: copies of the preview fonts with only the kept glyphs' outlines
 * (drawing them costs a third: see trimmedFont.ts) when every character of `text` is kept,
 * else the preview fonts themselves. Both draw kept text to the same pixels.
 */
export function fontsForText(text: string): FontOptions {
  const fonts = previewFonts();
  if (!previewFontFound()) return fonts;
  for (const ch of text) if (!keptCodePoint(ch.codePointAt(0)!)) return fonts;
  trimmed ??= trimmedFonts(fonts);
  return trimmed ?? fonts;
}

/** Writes the trimmed copies once (a folder in the system's temporary directory named by their content's source), or null if that fails. */
function trimmedFonts(fonts: FontOptions): FontOptions | null {
  try {
    const sources = (fonts.fontFiles ?? []).map((file) => ({ file, bytes: readFileSync(file) }));
    const hash = createHash("sha256").update(TRIM_VERSION);
    for (const s of sources) hash.update(s.bytes);
    const dir = path.join(tmpdir(), `runfolio-fonts-${hash.digest("hex").slice(0, 16)}`);
    mkdirSync(dir, { recursive: true });
    const fontFiles = sources.map(({ file, bytes }) => {
      const target = path.join(dir, path.basename(file));
      // Written beside and renamed: a build running at the same time never reads half a file.
      const partial = `${target}.${process.pid}.partial`;
      writeFileSync(partial, trimFont(bytes, keptCodePoint));
      renameSync(partial, target);
      return target;
    });
    return { ...fonts, fontFiles };
  } catch {
    return null;
  }
}
