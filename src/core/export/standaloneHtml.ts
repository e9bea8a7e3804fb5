import { escapeHtml } from "../render/escapeHtml.ts";
import { runPath } from "../paths/runPath.ts";

export interface StandaloneInput {
  title: string;
  description: string | null;
  /** `YYYY-MM-DD` or null. */
  date: string | null;
  authors: readonly string[];
  /** The report's rendered body (from `compileReport`): trusted markup, run text already escaped. */
  bodyHtml: string;
  /** Every stylesheet the page needs, concatenated. */
  css: string;
  /** Browser scripts as ES modules (the bundled chart runtime, a table script …), in order. */
  scripts: readonly string[];
  /** Said in the footer, e.g. where the published site is. */
  footer?: string;
}

/**
 * One self-contained HTML document for a report: styles and scripts inline, the charts' static
 * SVG and hydration data in place. It is the one Runfolio output with inline scripts and styles
 * (a file opened from disk has no server to send a Content-Security-Policy), so it carries no
 * CSP meta tag; everything from run files and reports in it is escaped text, as on the site.
 * Pure: the same input gives the same bytes.
 */
export function standaloneHtml(input: StandaloneInput): string {
  const byline = [input.date, input.authors.join(", ")].filter(Boolean).join(" · ");
  const parts = [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    '<meta name="generator" content="Runfolio">',
    `<title>${escapeHtml(input.title)}</title>`,
    input.description ? `<meta name="description" content="${escapeHtml(input.description)}">` : "",
    `<style>\n${inlineStyle(input.css)}\n</style>`,
    "</head>",
    "<body>",
    '<main class="page">',
    '<article class="prose">',
    "<header>",
    `<h1>${escapeHtml(input.title)}</h1>`,
    input.description ? `<p class="lede">${escapeHtml(input.description)}</p>` : "",
    byline ? `<p class="byline">${escapeHtml(byline)}</p>` : "",
    "</header>",
    input.bodyHtml,
    "</article>",
    "</main>",
    `<footer class="site-footer">${escapeHtml(input.footer ?? "Exported with Runfolio: one file, no network needed.")}</footer>`,
    ...input.scripts.map((js) => `<script type="module">\n${inlineScript(js)}\n</script>`),
    "</body>",
    "</html>",
    "",
  ];
  return parts.filter((p) => p !== "").join("\n");
}

/**
 * JavaScript made safe inside `<script>`: the HTML parser ends the element at the first `</script`
 * and treats `<!--` … `<script` specially, whatever the JS means. Both can only occur in strings,
 * regular expressions, template literals or comments of a bundle, where `<\/` and `\x3C!--`-style
 * rewrites keep the meaning; rather than rewrite JS blindly, the rewrite is limited to those two
 * sequences and anything left is refused.
 */
export function inlineScript(js: string): string {
  const out = js.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
  if (/<\/script|<!--/i.test(out)) throw new Error("script cannot be inlined safely");
  return out;
}

/** CSS made safe inside `<style>`: only `</style` can end it early. */
export function inlineStyle(css: string): string {
  return css.replace(/<\/(style)/gi, "<\\/$1");
}

const RUN_LINK_SCHEME = "runfolio-run:";

/** The `hrefForRun` of an export: with the published site's address, links to its run pages. */
export function exportRunHref(siteUrl: string | null): (runId: string) => string {
  return (runId) => {
    const path = runPath(runId);
    return siteUrl ? new URL(path, siteUrl.replace(/\/?$/, "/")).href : RUN_LINK_SCHEME + path;
  };
}

/**
 * Without a site address, run links lead nowhere from a lone file: they become plain text,
 * keeping the link's other attributes (a cited value's class and title). Link text and attribute
 * values are escaped by the renderers, so they hold no `<` or `"`.
 */
export function unlinkRuns(html: string): string {
  return html.replace(/<a((?: [a-z-]+="[^"]*")*?) href="runfolio-run:[^"]*"((?: [a-z-]+="[^"]*")*)>([^<]*)<\/a>/g, (_, before: string, after: string, text: string) => {
    const attributes = before + after;
    const withClass = / class="/.test(attributes) ? attributes.replace(/ class="([^"]*)"/, ' class="$1 rf-run-ref"') : ` class="rf-run-ref"${attributes}`;
    return `<span${withClass}>${text}</span>`;
  });
}
