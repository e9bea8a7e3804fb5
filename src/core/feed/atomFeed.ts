import { compareText } from "../format/compareText.ts";
import { escapeXml } from "../render/escapeHtml.ts";
import { createHash } from "node:crypto";

export interface FeedEntry {
  /** Stable and unique: the report's slug. */
  slug: string;
  title: string;
  summary: string | null;
  /** `YYYY-MM-DD` (a report's front-matter `date`). */
  date: string;
  authors: readonly string[];
  /** The report page: root-relative under the base path, or absolute. */
  href: string;
}

export interface FeedInput {
  title: string;
  /** The feed's own address (root-relative or absolute). */
  selfHref: string;
  /** The site's home page (root-relative or absolute). */
  homeHref: string;
  /** The site's configured address (`site`), or null: ids and links are then not absolute. */
  siteUrl: string | null;
  entries: readonly FeedEntry[];
}

/** Used as the feed's `updated` when no entry has a date: fixed, so builds stay byte-identical. */
export const FEED_EPOCH = "1970-01-01T00:00:00Z";

/**
 * An Atom 1.0 feed (RFC 4287) of reports, newest first (then by slug). Dates come from the
 * reports' front matter — never the clock — so the same reports give the same bytes. Entry ids are
 * the report's absolute URL when the site's address is configured, else a name-based
 * `urn:uuid:` of the slug (stable, and valid without an address). Without an address, links
 * are relative to the feed's own folder (the site's root), so a reader resolves them against the
 * feed's URL: right under any base path, and on a relative-links site served from any folder.
 * All text is XML-escaped.
 */
export function atomFeed(input: FeedInput): string {
  const entries = [...input.entries].sort((a, b) => compareText(b.date, a.date) || compareText(a.slug, b.slug));
  const feedFolder = input.selfHref.replace(/[?#].*$/, "").replace(/[^/]*$/, "");
  const abs = (h: string) => (input.siteUrl ? new URL(h, input.siteUrl).href : relativeTo(feedFolder, h));
  const updated = entries.length ? atomDate(entries[0]!.date) : FEED_EPOCH;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <title>${xml(input.title)}</title>`,
    `  <id>${xml(input.siteUrl ? abs(input.homeHref) : uuidUrn("feed"))}</id>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(abs(input.selfHref))}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(abs(input.homeHref))}"/>`,
    "  <generator>Runfolio</generator>",
  ];
  for (const e of entries) {
    lines.push(
      "  <entry>",
      `    <title>${xml(e.title)}</title>`,
      `    <id>${xml(input.siteUrl ? abs(e.href) : uuidUrn(`report:${e.slug}`))}</id>`,
      `    <link rel="alternate" type="text/html" href="${xml(abs(e.href))}"/>`,
      `    <updated>${atomDate(e.date)}</updated>`,
      `    <published>${atomDate(e.date)}</published>`,
      // Atom wants an author per entry or on the feed: the report's, else the generator's name.
      ...(e.authors.length ? e.authors : ["Runfolio"]).map((a) => `    <author><name>${xml(a)}</name></author>`),
      ...(e.summary ? [`    <summary type="text">${xml(e.summary)}</summary>`] : []),
      "  </entry>",
    );
  }
  lines.push("</feed>", "");
  return lines.join("\n");
}

/** `2026-11-20` → `2026-11-20T00:00:00Z` (a report's date has no time zone: midnight UTC). */
export function atomDate(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return `${date}T00:00:00Z`;
}

/** XML text and attribute escaping; characters XML 1.0 forbids are dropped. */
export function xml(value: string): string {
  return escapeXml(value);
}

/** A name-based (SHA-1, RFC 4122 version 5 layout) UUID URN: the same name, the same id. */
function uuidUrn(name: string): string {
  const h = createHash("sha1").update(`runfolio:${name}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `urn:uuid:${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** A root-absolute `href` under `folder` (the feed's, root-absolute) made relative to it; anything else as it is. */
function relativeTo(folder: string, href: string): string {
  if (!folder.startsWith("/") || !href.startsWith(folder)) return href;
  const rest = href.slice(folder.length);
  if (rest === "" || /^[?#]/.test(rest)) return `./${rest}`;
  // A first segment with a colon would read as a scheme.
  return /^[^/?#]*:/.test(rest) ? `./${rest}` : rest;
}
