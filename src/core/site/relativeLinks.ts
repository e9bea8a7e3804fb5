import { htmlStartTags, type HtmlStartTag } from "./htmlStartTags.ts";
import { relativeCssUrls } from "./relativeCssUrls.ts";
import { relativeUrl, type SiteFileContext, type UrlKind } from "./relativeUrl.ts";
import { spliceText, type TextEdit } from "./spliceText.ts";

/**
 * A built page with every URL into the site made relative to the page (see relativeUrl.ts), so
 * the site opens from a folder (`file://`). Only attribute values and the CSS of `<style>` elements
 * change: text, comments, scripts and every other byte stay as they are.
 *
 * Left alone on purpose: `<meta content>` (an `og:image` must be absolute for link previews, and
 * is only absolute when `site` is configured), `<base href>` (Astro writes none; a page with one
 * would resolve the rewritten links against it), and the JSON inside `<script>` (data for the
 * browser modules, which holds no URLs, only site paths; the modules resolve them against
 * `data-base` with core/paths/siteHref.ts).
 */
export function relativeLinks(html: string, ctx: SiteFileContext): string {
  const edits: TextEdit[] = [];
  for (const tag of htmlStartTags(html)) {
    if (tag.name === "base") continue;
    if (tag.name === "style" && tag.textEnd !== undefined) {
      const css = html.slice(tag.end, tag.textEnd);
      const text = relativeCssUrls(css, ctx);
      if (text !== css) edits.push({ start: tag.end, end: tag.textEnd, text });
    }
    for (const attr of tag.attributes) {
      if (attr.value === null) continue;
      const rewrite = rewriterFor(tag, attr.name);
      if (!rewrite) continue;
      const value = rewrite(attr.value, ctx);
      if (value !== attr.value) edits.push({ start: attr.valueStart, end: attr.valueEnd, text: value });
    }
  }
  return spliceText(html, edits);
}

type Rewrite = (value: string, ctx: SiteFileContext) => string;

// Attributes whose value is one URL, on any element.
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "poster", "cite", "background", "longdesc", "manifest", "xlink:href"]);
// Attributes the browser modules (src/client) read site URLs from: `data-base` (on `<html>`, the
// explorer, the compare page, charts and media), the site root they resolve site paths against,
// and the search form's index.
const SCRIPT_URL_ATTRIBUTES = new Map<string, UrlKind>([
  ["data-base", "folder"],
  ["data-index", "file"],
  // A block's data file (core/report/blockDataFiles.ts), on its JSON script.
  ["data-file", "file"],
]);

function rewriterFor(tag: HtmlStartTag, attr: string): Rewrite | null {
  if (URL_ATTRIBUTES.has(attr) || (attr === "data" && tag.name === "object")) return (v, ctx) => relativeUrl(v, ctx);
  const scriptKind = SCRIPT_URL_ATTRIBUTES.get(attr);
  if (scriptKind) return (v, ctx) => relativeUrl(v, ctx, scriptKind);
  if (attr === "srcset" || attr === "imagesrcset") return (v, ctx) => rewriteSrcset(v, (u) => relativeUrl(u, ctx));
  if (attr === "content" && tag.name === "meta" && isRefresh(tag)) return rewriteRefresh;
  if (attr === "style") return relativeCssUrls;
  return null;
}

const isRefresh = (tag: HtmlStartTag): boolean => tag.attributes.some((a) => a.name === "http-equiv" && a.value?.trim().toLowerCase() === "refresh");

/** `<meta http-equiv="refresh" content="0; url=/x/">`, as Astro writes for redirects. */
const rewriteRefresh: Rewrite = (value, ctx) => {
  const m = /^(\s*[\d.]*\s*[;,]\s*(?:url\s*=\s*)?)(['"]?)([\s\S]*?)(\2\s*)$/i.exec(value);
  if (!m || m[3] === "") return value;
  return m[1]! + m[2]! + relativeUrl(m[3]!, ctx) + m[4]!;
};

/** `a.png 1x, /b.png 2x`: each candidate's URL, descriptors and separators kept as written. */
export function rewriteSrcset(value: string, rewrite: (url: string) => string): string {
  const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
  let out = "";
  let i = 0;
  while (i < value.length) {
    let j = i;
    while (j < value.length && (isSpace(value[j]) || value[j] === ",")) j++;
    out += value.slice(i, j);
    if (j >= value.length) break;
    let k = j;
    while (k < value.length && !isSpace(value[k])) k++;
    // A URL's trailing commas end its candidate (no descriptors follow).
    const commas = /,*$/.exec(value.slice(j, k))![0].length;
    out += rewrite(value.slice(j, k - commas)) + value.slice(k - commas, k);
    i = k;
    if (commas) continue;
    let depth = 0;
    while (k < value.length && (value[k] !== "," || depth > 0)) {
      if (value[k] === "(") depth++;
      else if (value[k] === ")") depth = Math.max(0, depth - 1);
      k++;
    }
    out += value.slice(i, k);
    i = k;
  }
  return out;
}
