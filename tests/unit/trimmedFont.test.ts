import { readFileSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { fontsForText, keptCodePoint } from "../../src/core/export/latinFonts.ts";
import { previewFontFound, previewFonts } from "../../src/core/export/renderPng.ts";
import { cmapOf, trimFont } from "../../src/core/export/trimmedFont.ts";

const fontFound = previewFontFound();
if (!fontFound) console.warn("trimmedFont.test.ts: DejaVu Sans not found; the trimmed-font tests are skipped");

/** Every kept code point DejaVu Sans draws, in lines of 60, plus ligature and mark sequences. */
function keptCorpus(): string[] {
  const font = readFileSync(previewFonts().fontFiles![0]!);
  const cmap = cmapOf(new DataView(font.buffer, font.byteOffset, font.byteLength), new DataView(font.buffer, font.byteOffset).getUint32(12 + 16 * tableIndex(font, "cmap") + 8));
  const chars = [...cmap.keys()].filter((c) => keptCodePoint(c) && c > 0x20 && !(c >= 0x7f && c < 0xa0) && !(c >= 0x2000 && c <= 0x200f) && !(c >= 0x2028 && c <= 0x202f) && !(c >= 0x2060 && c <= 0x206f));
  const lines: string[] = ["fi fl ffi ffl Th ij", "a\u0301 e\u0300 o\u0308 n\u0303 i\u0308 j\u0301 i\u0307 u\u0328 c\u0327", "nanogpt-lr-3e-4-warmup-2000 · finished · 5,000 steps · group sweep-1 — “quoted” ‘x’ … 10⁻³ H₂O €5 ™ → ←"];
  const text = chars.filter((c) => c < 0x300 || c > 0x36f).map((c) => String.fromCodePoint(c));
  for (let i = 0; i < text.length; i += 60) lines.push(text.slice(i, i + 60).join(""));
  return lines.filter((l) => [...l].every((ch) => keptCodePoint(ch.codePointAt(0)!)));
}

function tableIndex(font: Uint8Array, tag: string): number {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  for (let i = 0; i < view.getUint16(4); i++) if (String.fromCharCode(...font.subarray(12 + 16 * i, 16 + 16 * i)) === tag) return i;
  throw new Error(`no ${tag}`);
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
const draw = (text: string, font: ReturnType<typeof previewFonts>, weight: string, size: number) =>
  new Resvg(`<svg xmlns="http://www.w3.org/2000/svg" width="2400" height="90"><text x="4" y="66" font-family="DejaVu Sans" font-size="${size}" font-weight="${weight}">${escape(text)}</text></svg>`, {
    font,
    background: "#ffffff",
    shapeRendering: 2,
    textRendering: 1,
    imageRendering: 0,
  })
    .render()
    .pixels;

describe.skipIf(!fontFound)("preview fonts trimmed to Latin", () => {
  it("draw every kept character, ligature and mark exactly as the full fonts do, regular and bold", () => {
    const full = previewFonts();
    const lines = keptCorpus();
    expect(lines.length).toBeGreaterThan(10);
    const trimmed = fontsForText(lines.join(""));
    expect(trimmed.fontFiles).not.toEqual(full.fontFiles);
    for (const line of lines) {
      for (const [weight, size] of [["normal", 30], ["bold", 62]] as const) {
        const a = draw(line, full, weight, size);
        expect(a.some((v) => v !== 255), line).toBe(true);
        expect(Buffer.compare(draw(line, trimmed, weight, size), a), `${weight} ${line}`).toBe(0);
      }
    }
  }, 120_000);

  it("are a third of the originals or less, the same bytes every time, and used only for text they cover", () => {
    const source = readFileSync(previewFonts().fontFiles![0]!);
    const once = trimFont(source, keptCodePoint);
    expect(once.length).toBeLessThan(source.length * 0.4);
    expect(Buffer.compare(Buffer.from(trimFont(source, keptCodePoint)), Buffer.from(once))).toBe(0);
    expect(fontsForText("Ελληνικά")).toEqual(previewFonts());
    expect(fontsForText("run 学習")).toEqual(previewFonts());
    expect(fontsForText("x ≤ 3")).toEqual(previewFonts());
    expect(fontsForText("émoji 🎉")).toEqual(previewFonts());
    expect(fontsForText("résumé — naïve")).not.toEqual(previewFonts());
  });

  it("keep only the outlines asked for (an unkept glyph is empty) and a valid table directory", () => {
    const source = readFileSync(previewFonts().fontFiles![0]!);
    const latinOnly = trimFont(source, (c) => c < 0x80);
    const view = new DataView(latinOnly.buffer, latinOnly.byteOffset, latinOnly.byteLength);
    expect(view.getUint32(0)).toBe(0x00010000);
    const count = view.getUint16(4);
    const tags = Array.from({ length: count }, (_, i) => String.fromCharCode(...latinOnly.subarray(12 + 16 * i, 16 + 16 * i)));
    expect([...tags].sort()).toEqual(tags);
    expect(tags).toContain("glyf");
    for (let i = 0; i < count; i++) expect(view.getUint32(12 + 16 * i + 8) % 4, tags[i]).toBe(0);
    expect(latinOnly.length).toBeLessThan(source.length * 0.4);
    // The outline of "A" is kept, that of "Ж" (U+0416) emptied; both keep their glyph ids.
    const glyphLength = (font: Uint8Array, c: number) => {
      const v = new DataView(font.buffer, font.byteOffset, font.byteLength);
      const at = (tag: string) => v.getUint32(12 + 16 * tableIndex(font, tag) + 8);
      const g = cmapOf(v, at("cmap")).get(c)!;
      return v.getUint32(at("loca") + 4 * (g + 1)) - v.getUint32(at("loca") + 4 * g);
    };
    expect(glyphLength(latinOnly, 0x41)).toBe(glyphLength(source, 0x41));
    expect(glyphLength(source, 0x416)).toBeGreaterThan(0);
    expect(glyphLength(latinOnly, 0x416)).toBe(0);
  });
});
