import { deflateSync, inflateSync as inflate } from "node:zlib";
import { runCard, titleCardSvg, type TitleCard } from "../src/core/export/previewImage.ts";
import { renderPng } from "../src/core/export/renderPng.ts";
import { titleCardPng } from "../src/core/export/titleCardPng.ts";
import type { Run } from "../src/core/run.ts";

type Report = (what: string, value: string, goal: string) => void;

/** CPU time of this thread (the drawing is synchronous; other threads' GC work is left out of both sides). */
const cpuMs = (): number => {
  const used = process.threadCpuUsage();
  return (used.user + used.system) / 1000;
};

/** Cards like the `scale` section's runs (name only) and like a lab's (a long name and notes). */
function card(i: number, withNotes: boolean): TitleCard {
  const run = {
    project: "bench",
    name: withNotes ? `nanogpt-lr-3e-4-warmup-2000-seed-${i}` : `run-${String(i).padStart(5, "0")}`,
    state: "finished",
    steps: 1000,
    group: `g${i % 10}`,
    notes: withNotes ? `Cosine schedule with a longer warmup (${i}); compare with the constant-LR runs of the sweep.` : null,
  } as unknown as Run;
  return runCard(run);
}

/** Per-card CPU ms of `draw` over `count` fresh cards starting at `from`, and the bytes written. */
function measure(draw: (c: TitleCard) => Uint8Array, from: number, count: number, withNotes: boolean): { ms: number; bytes: number } {
  let bytes = 0;
  const start = cpuMs();
  for (let i = from; i < from + count; i++) bytes += draw(card(i, withNotes)).length;
  return { ms: (cpuMs() - start) / count, bytes: bytes / count };
}

/**
 * Run preview cards: `titleCardPng` (frame drawn once, text line by line, indexed PNG) against
 * resvg drawing the card's whole SVG and writing its own PNG (`renderPng`, the path before),
 * alternating in rounds so both see the same machine; the median round's ratio is the figure.
 */
export function cardsSection(report: Report, quick: boolean): void {
  const perRound = quick ? 10 : 40;
  const rounds = quick ? 3 : 5;
  const baseline = (c: TitleCard) => renderPng(titleCardSvg(c));
  const first = cpuMs();
  titleCardPng(card(-1, false));
  report("run card: first of the process (draws the frame)", `${(cpuMs() - first).toFixed(1)} ms`, "once");
  for (const withNotes of [false, true]) {
    const rows: { old: number; now: number; oldBytes: number; nowBytes: number }[] = [];
    for (let r = 0; r < rounds; r++) {
      const from = (withNotes ? 100_000 : 0) + r * perRound;
      const old = measure(baseline, from, perRound, withNotes);
      const now = measure(titleCardPng, from, perRound, withNotes);
      rows.push({ old: old.ms, now: now.ms, oldBytes: old.bytes, nowBytes: now.bytes });
    }
    rows.sort((a, b) => a.now / a.old - b.now / b.old);
    const mid = rows[Math.floor(rows.length / 2)]!;
    const kind = withNotes ? "long name and notes" : "name only (as the scale section's)";
    report(
      `run card, ${kind}: CPU ms a card vs resvg whole + asPng`,
      `${mid.now.toFixed(1)} vs ${mid.old.toFixed(1)} = ${(mid.now / mid.old).toFixed(2)}× (rounds ${(rows[0]!.now / rows[0]!.old).toFixed(2)}–${(rows.at(-1)!.now / rows.at(-1)!.old).toFixed(2)})`,
      "≤ ~8 ms",
    );
    report(`same cards: bytes a card`, `${(mid.nowBytes / 1024).toFixed(1)} KB vs ${(mid.oldBytes / 1024).toFixed(1)} KB = ${(mid.nowBytes / mid.oldBytes).toFixed(2)}×`, "smaller");
  }
  // What the deflate level costs and saves on one card's scanlines (the writer uses level 6).
  const scanlines = scanlinesOf(titleCardPng(card(7, true)));
  if (scanlines) {
    const levels = [1, 4, 6, 9].map((level) => {
      const start = cpuMs();
      let size = 0;
      for (let i = 0; i < 10; i++) size = deflateSync(scanlines, { level }).length;
      return `l${level} ${(size / 1024).toFixed(1)} KB ${((cpuMs() - start) / 10).toFixed(1)} ms`;
    });
    report("card with notes: deflate level → IDAT size, CPU", levels.join(", "), "reported");
  }
}

/** The inflated IDAT of a PNG this writer made (one IDAT chunk). */
function scanlinesOf(png: Uint8Array): Uint8Array | null {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    if (type === "IDAT") return new Uint8Array(inflate(png.subarray(at + 8, at + 8 + length)));
    at += 12 + length;
  }
  return null;
}

