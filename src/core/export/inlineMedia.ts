/**
 * Run media in the single file of `runfolio export`: the report is compiled with media links
 * relative to nothing (`media/<digest>.<ext>`, thumbnails `media/<digest>-w160.webp`), in the
 * grids' HTML and in their per-step payloads alike; here each such name becomes a `data:` URI, or,
 * for a file over the budget, a link to the published site or a placeholder image that says so.
 * The high-DPI thumbnails are dropped (one thumbnail per image is enough for a file sent by mail).
 * Pure: the caller reads the files.
 */
import { escapeHtml } from "../render/escapeHtml.ts";
import { fileSize } from "./exportMessages.ts";

/** What an exported report may hold of one media file, and of all of them (bytes before base64). */
export const EXPORT_MEDIA_FILE_BUDGET = 2 * 1024 * 1024;
export const EXPORT_MEDIA_TOTAL_BUDGET = 24 * 1024 * 1024;

/** A published media name where it stands in an attribute or a JSON string. */
const NAME = /(?<=["' ,])media\/[0-9a-f]{20}(?:-w(?:160|320))?\.(?:png|jpe?g|webp|gif|svg|wav|mp3|mp4|webm)(?=["' ])/g;
/** The high-DPI candidates the grid renderer writes, in HTML and in payloads. */
const SRCSET = / srcset="[^"]*" sizes="[^"]*"/g;

const MIME: Readonly<Record<string, string>> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  svg: "image/svg+xml",
  wav: "audio/wav",
  mp3: "audio/mpeg",
  mp4: "video/mp4",
  webm: "video/webm",
};

/**
 * Removes the high-DPI thumbnails from a compiled body's grids (their `srcset`s). The page script
 * derives none from a thumbnail that is a `data:` URI.
 */
export function withoutHiDpiThumbnails(html: string): string {
  return html.replace(SRCSET, "");
}

/** Every published media name the body refers to (`media/…`), once each, in order of first use. */
export function mediaNamesIn(html: string): string[] {
  return [...new Set(html.match(NAME) ?? [])];
}

export function dataUri(name: string, bytes: Uint8Array): string {
  const ext = name.slice(name.lastIndexOf(".") + 1);
  return `data:${MIME[ext] ?? "application/octet-stream"};base64,${Buffer.from(bytes).toString("base64")}`;
}

/** A grey image that says a file was left out, for `<img>`s that have nothing else to show. */
export function placeholderUri(text: string): string {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="160" viewBox="0 0 320 160">` +
    `<rect width="320" height="160" fill="#888" fill-opacity="0.25"/>` +
    `<text x="160" y="84" font-family="sans-serif" font-size="13" text-anchor="middle" fill="#666">${escapeHtml(text)}</text></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
}

/** Replaces every published name by its URL in `urls` (names missing there stay as they are). */
export function replaceMediaNames(html: string, urls: ReadonlyMap<string, string>): string {
  return html.replace(NAME, (name) => urls.get(name) ?? name);
}

export interface LeftOutMedia {
  /** The committed file (data-root relative). */
  source: string;
  bytes: number;
  /** Where it can be seen instead (the published site), if known. */
  href?: string;
}

/** The note at the top of an exported report that names the media files it does not carry. */
export function leftOutNote(left: readonly LeftOutMedia[], fileBudget: number, totalBudget: number): string {
  if (left.length === 0) return "";
  const items = left.map((l) => `<li>${l.href ? `<a href="${escapeHtml(l.href)}">${escapeHtml(l.source)}</a>` : escapeHtml(l.source)} (${fileSize(l.bytes)})</li>`).join("");
  return (
    `<aside class="rf-export-left-out" role="note"><p><strong>${left.length} media file${left.length === 1 ? " is" : "s are"} not in this file</strong> ` +
    `(an exported report holds files up to ${fileSize(fileBudget)} each and ${fileSize(totalBudget)} in all); ${left.every((l) => l.href) ? "they link to the published site" : "they show as placeholders"}:</p><ul>${items}</ul></aside>`
  );
}
