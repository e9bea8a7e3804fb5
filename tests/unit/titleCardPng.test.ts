import { Resvg } from "@resvg/resvg-js";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { encodeIndexedPng, encodeRgbPng, crc32, PNG_SIGNATURE } from "../../src/core/export/pngWriter.ts";
import { runCard, titleCardSvg, type TitleCard } from "../../src/core/export/previewImage.ts";
import { previewFonts } from "../../src/core/export/renderPng.ts";
import { composeCardPng, titleCardLines, titleCardPng } from "../../src/core/export/titleCardPng.ts";
import type { Run } from "../../src/core/run.ts";

async function decode(png: Uint8Array): Promise<{ width: number; height: number; rgb: Uint8Array }> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  expect(info.channels).toBe(3);
  return { width: info.width, height: info.height, rgb: new Uint8Array(data) };
}

/** The card as resvg draws its whole SVG (the path cards took before), as RGB. */
function resvgRgb(card: TitleCard): Uint8Array {
  const rgba = new Resvg(titleCardSvg(card), { font: previewFonts(), background: "#ffffff", shapeRendering: 2, textRendering: 1, imageRendering: 0 }).render().pixels;
  const rgb = new Uint8Array((rgba.length / 4) * 3);
  for (let p = 0, q = 0; p < rgba.length; p += 4, q += 3) rgb.set(rgba.subarray(p, p + 3), q);
  return rgb;
}

function largestDifference(a: Uint8Array, b: Uint8Array): number {
  expect(a.length).toBe(b.length);
  let most = 0;
  for (let i = 0; i < a.length; i++) most = Math.max(most, Math.abs(a[i]! - b[i]!));
  return most;
}

/** Pixels of the card that differ from its background (#f1f5f9): how much was drawn. */
function inked(rgb: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < rgb.length; i += 3) if (rgb[i] !== 0xf1 || rgb[i + 1] !== 0xf5 || rgb[i + 2] !== 0xf9) n++;
  return n;
}

const run = (over: Partial<Run>): Run =>
  ({ id: "p/r", project: "nanogpt", name: "baseline", state: "finished", steps: 5000, group: "sweep", notes: null, ...over }) as unknown as Run;

const CARDS: Record<string, TitleCard> = {
  "a run with notes": runCard(run({ name: "nanogpt-lr-3e-4-warmup-2000 seed 7", notes: "Cosine schedule, a longer warmup; compare with the constant-LR runs (fi fl ffi é ü ß)." })),
  "CJK, emoji, Greek, Cyrillic and Arabic": runCard(run({ project: "多语言", name: "学習率スイープ 🚀 実験", notes: "émoji 🎉🔥 Ελληνικά Кириллица العربية" })),
  "text running off the card": runCard(run({ name: "W".repeat(120), group: "g".repeat(80), notes: "n ".repeat(200) })),
  "a report without a chart": { kicker: "Report", title: "Scaling laws & <friends>", description: null, facts: ["12 runs", "2026-12-05"] },
};

describe("title cards drawn line by line", () => {
  for (const [name, card] of Object.entries(CARDS)) {
    it(`match resvg drawing the whole card within 1/255 a channel: ${name}`, async () => {
      const png = titleCardPng(card);
      expect([...png.subarray(0, 8)]).toEqual([...PNG_SIGNATURE]);
      expect(png[25], "colour type: indexed").toBe(3);
      const image = await decode(png);
      expect([image.width, image.height]).toEqual([1200, 630]);
      const reference = resvgRgb(card);
      expect(largestDifference(image.rgb, reference)).toBeLessThanOrEqual(1);
      expect(inked(image.rgb)).toBeGreaterThan(5_000);
      expect(Math.abs(inked(image.rgb) - inked(reference))).toBeLessThan(inked(reference) / 50);
    });
  }

  it("are the same bytes every time, whatever was drawn before (lines kept across cards)", () => {
    const first = Object.values(CARDS).map(titleCardPng);
    const again = Object.values(CARDS).reverse().map(titleCardPng).reverse();
    for (let i = 0; i < first.length; i++) expect(Buffer.from(again[i]!).equals(Buffer.from(first[i]!))).toBe(true);
    expect(new Set(first.map((p) => Buffer.from(p).toString("base64"))).size).toBe(first.length);
  });

  it("fall back to an RGB PNG of the same pixels when the palette overflows", async () => {
    const card = CARDS["a run with notes"]!;
    const rgbPng = composeCardPng(titleCardLines(card), 8);
    expect(rgbPng[25], "colour type: RGB").toBe(2);
    const indexed = await decode(titleCardPng(card));
    const rgb = await decode(rgbPng);
    expect(largestDifference(rgb.rgb, indexed.rgb)).toBe(0);
  });

  it("are smaller than resvg's own PNG of the card", () => {
    for (const card of Object.values(CARDS)) {
      const own = new Resvg(titleCardSvg(card), { font: previewFonts(), background: "#ffffff" }).render().asPng();
      expect(titleCardPng(card).length).toBeLessThan(own.length * 0.6);
    }
  });
});

describe("the PNG writer", () => {
  it("writes an indexed PNG that decodes to its palette colours", async () => {
    const palette = [0xf1f5f9, 0x2563eb, 0x0f172a];
    const width = 5;
    const pixels = [0, 1, 2, 1, 0, 2, 2, 0, 1, 1];
    const scanlines = new Uint8Array((width + 1) * 2);
    pixels.forEach((p, i) => (scanlines[Math.floor(i / width) * (width + 1) + 1 + (i % width)] = p));
    const image = await decode(encodeIndexedPng({ width, height: 2, palette, scanlines }));
    expect([image.width, image.height]).toEqual([5, 2]);
    expect([...image.rgb]).toEqual(pixels.flatMap((p) => [(palette[p]! >> 16) & 255, (palette[p]! >> 8) & 255, palette[p]! & 255]));
  });

  it("writes an RGB PNG that decodes to its pixels", async () => {
    const scanlines = new Uint8Array([0, 1, 2, 3, 250, 251, 252, 0, 9, 8, 7, 0, 0, 0]);
    const image = await decode(encodeRgbPng(2, 2, scanlines));
    expect([...image.rgb]).toEqual([1, 2, 3, 250, 251, 252, 9, 8, 7, 0, 0, 0]);
  });

  it("refuses an empty or oversized palette and scanlines of the wrong size", () => {
    expect(() => encodeIndexedPng({ width: 1, height: 1, palette: [], scanlines: new Uint8Array(2) })).toThrow(/1 to 256/);
    expect(() => encodeIndexedPng({ width: 1, height: 1, palette: Array.from({ length: 257 }, (_, i) => i), scanlines: new Uint8Array(2) })).toThrow(/1 to 256/);
    expect(() => encodeIndexedPng({ width: 2, height: 1, palette: [0], scanlines: new Uint8Array(2) })).toThrow(/size/);
    expect(() => encodeRgbPng(1, 1, new Uint8Array(3))).toThrow(/size/);
  });

  it("computes the CRC-32 PNG chunks carry", () => {
    expect(crc32(new TextEncoder().encode("IEND"))).toBe(0xae426082);
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });
});
