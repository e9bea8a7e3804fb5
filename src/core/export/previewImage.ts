import { escapeXml } from "../render/escapeHtml.ts";
import { formatValue } from "../format/formatValue.ts";
import type { Run } from "../run.ts";

/**
 * Link-preview images (`og:image`), composed as SVG at build and rasterised by `renderPng`.
 * 1200 × 630 is the size Open Graph consumers (Slack, Mastodon, X, LinkedIn) show uncropped.
 * Every string here comes from a report or a run file: it is escaped as XML text.
 */
export const PREVIEW_WIDTH = 1200;
export const PREVIEW_HEIGHT = 630;
const PAD = 64;
const FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";
const INK = "#0f172a";
const MUTED = "#475569";
const ACCENT = "#2563eb";

export interface TitleCard {
  title: string;
  description?: string | null;
  /** Small lines at the bottom, e.g. `12 runs` or `nanogpt · finished · 5,000 steps`. */
  facts: readonly string[];
  /** Above the title, e.g. `Report` or `Run`. */
  kicker?: string;
}

/** One line of a card's text, as drawn at its place on the 1200 × 630 card. */
export interface CardText {
  x: number;
  y: number;
  size: number;
  fill: string;
  value: string;
  weight?: "bold";
  anchor?: "end";
  /** Likely the same on many cards (a run card's kicker and facts): worth keeping drawn. */
  shared?: boolean;
}

/** The lines of a title card, top to bottom (the frame's mark not included). */
export function titleCardTexts(card: TitleCard): CardText[] {
  const titleLines = wrap(card.title, 32, 3);
  const titleSize = titleLines.length > 2 ? 54 : 62;
  let y = PAD + 70;
  const out: CardText[] = [];
  if (card.kicker) out.push({ ...line(PAD, y, 28, MUTED, card.kicker, "bold"), shared: true });
  y += 30;
  for (const value of titleLines) {
    y += titleSize * 1.15;
    out.push(line(PAD, y, titleSize, INK, value, "bold"));
  }
  if (card.description) {
    y += 24;
    for (const value of wrap(card.description, 62, 3)) {
      y += 38;
      out.push(line(PAD, y, 30, MUTED, value));
    }
  }
  const facts = card.facts.filter(Boolean).join("  ·  ");
  if (facts) out.push({ ...line(PAD, PREVIEW_HEIGHT - PAD / 2 - 6, 28, MUTED, truncate(facts, 60)), shared: true });
  return out;
}

/** A card with the title, description and facts: reports without charts, and run pages. */
export function titleCardSvg(card: TitleCard): string {
  return frame(titleCardTexts(card).map(textSvg).join(""));
}

/** A run page's card: project, name, notes, state, steps and group. */
export function runCard(run: Run): TitleCard {
  const facts = [run.state, run.steps ? `${formatValue(run.steps)} steps` : "", run.group ? `group ${run.group}` : ""];
  return { kicker: `Run · ${run.project}`, title: run.name, description: run.notes ?? null, facts };
}

export function runCardSvg(run: Run): string {
  return titleCardSvg(runCard(run));
}

/**
 * A report's first chart under its title: the chart's own build-time SVG (as drawn on the page)
 * placed as a nested image, scaled to fit below the title.
 */
export function chartCardSvg(title: string, chartSvg: string, facts: readonly string[] = []): string {
  const titleLines = wrap(title, 40, 2);
  let y = PAD - 6;
  const out: string[] = [];
  for (const value of titleLines) {
    y += 52;
    out.push(textSvg(line(PAD, y, 44, INK, value, "bold")));
  }
  const footer = facts.filter(Boolean).join("  ·  ");
  const bottom = footer ? PREVIEW_HEIGHT - PAD - 24 : PREVIEW_HEIGHT - PAD / 2;
  if (footer) out.push(textSvg(line(PAD, PREVIEW_HEIGHT - PAD / 2 - 6, 24, MUTED, truncate(footer, 80))));
  const top = y + 24;
  out.push(
    `<rect x="${PAD / 2}" y="${top - 8}" width="${PREVIEW_WIDTH - PAD}" height="${bottom - top + 16}" rx="12" fill="#ffffff"/>` +
      nestedSvg(chartSvg, PAD / 2 + 8, top, PREVIEW_WIDTH - PAD - 16, bottom - top),
  );
  return frame(out.join(""));
}

/**
 * The chart's SVG as a nested `<svg>` element fitted into a box (not an `<image>`: resvg draws the
 * text of nested images without the fonts it was given).
 */
export function nestedSvg(svg: string, x: number, y: number, width: number, height: number): string {
  const sized = sizedSvg(svg);
  const open = /^<svg\b[^>]*>/.exec(sized.svg)!;
  const xmlns = /\sxmlns:xlink="[^"]*"/.exec(open[0])?.[0] ?? "";
  return (
    `<svg x="${x}" y="${y}" width="${width}" height="${height}" viewBox="0 0 ${sized.width} ${sized.height}" preserveAspectRatio="xMidYMid meet"${xmlns}>` +
    sized.svg.slice(open[0].length)
  );
}

/** The chart SVG with a fixed size (vega's static SVG says `width="100%"` and a viewBox). */
export function sizedSvg(svg: string): { svg: string; width: number; height: number } {
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (!open) throw new Error("not an SVG document");
  const viewBox = /\bviewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/.exec(open[0]);
  const width = viewBox ? Number(viewBox[1]) : Number(/\bwidth="([\d.]+)"/.exec(open[0])?.[1] ?? 640);
  const height = viewBox ? Number(viewBox[2]) : Number(/\bheight="([\d.]+)"/.exec(open[0])?.[1] ?? 320);
  const tag = open[0].replace(/\s(width|height)="[^"]*"/g, "").replace(/^<svg\b/, `<svg width="${width}" height="${height}"`);
  return { svg: tag + svg.slice(open[0].length), width, height };
}

/** An SVG document of the card's size holding `body` (no background). */
export function cardSvg(body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${PREVIEW_WIDTH}" height="${PREVIEW_HEIGHT}" viewBox="0 0 ${PREVIEW_WIDTH} ${PREVIEW_HEIGHT}">${body}</svg>`;
}

/** What every card has under its text: background, accent bar and the mark. */
export function frame(body: string): string {
  return cardSvg(
    `<rect width="${PREVIEW_WIDTH}" height="${PREVIEW_HEIGHT}" fill="#f1f5f9"/>` +
      `<rect width="${PREVIEW_WIDTH}" height="12" fill="${ACCENT}"/>` +
      textSvg(line(PREVIEW_WIDTH - PAD, PREVIEW_HEIGHT - PAD / 2 - 6, 24, ACCENT, "Runfolio", "bold", "end")) +
      body,
  );
}

function line(x: number, y: number, size: number, fill: string, value: string, weight?: "bold", anchor?: "end"): CardText {
  return { x, y: Math.round(y), size, fill, value, ...(weight ? { weight } : {}), ...(anchor ? { anchor } : {}) };
}

export function textSvg(t: CardText): string {
  return (
    `<text x="${t.x}" y="${t.y}" font-family="${FONT}" font-size="${t.size}" fill="${t.fill}"` +
    `${t.weight ? ` font-weight="${t.weight}"` : ""}${t.anchor ? ` text-anchor="${t.anchor}"` : ""}>${escapeXml(t.value)}</text>`
  );
}

/** Greedy word wrap by characters (the fonts are not measured), the last line ending in `…`. */
export function wrap(value: string, width: number, maxLines: number): string[] {
  const words = value.replace(/\s+/g, " ").trim().split(" ").filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (let word of words) {
    while (word.length > width) {
      if (line) {
        lines.push(line);
        line = "";
      }
      lines.push(word.slice(0, width));
      word = word.slice(width);
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = truncate(`${kept[maxLines - 1]} …`, width);
  if (!kept[maxLines - 1]!.endsWith("…")) kept[maxLines - 1] += "…";
  return kept;
}

function truncate(value: string, width: number): string {
  const chars = [...value];
  return chars.length <= width ? value : `${chars.slice(0, width - 1).join("").trimEnd()}…`;
}
