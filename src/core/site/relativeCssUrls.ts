import { relativeUrl, type SiteFileContext } from "./relativeUrl.ts";
import { spliceText, type TextEdit } from "./spliceText.ts";

/**
 * A stylesheet with the URLs of `url(…)` and `@import "…"` made relative to the stylesheet's own
 * file (see relativeUrl.ts). Comments and other strings are skipped, never rewritten; a URL
 * written with a CSS escape (`\`) is left as it is.
 */
export function relativeCssUrls(css: string, ctx: SiteFileContext): string {
  const edits: TextEdit[] = [];
  const rewrite = (start: number, end: number) => {
    const value = css.slice(start, end);
    if (value.includes("\\")) return;
    const text = relativeUrl(value, ctx);
    if (text !== value) edits.push({ start, end, text });
  };
  let i = 0;
  while (i < css.length) {
    const c = css[i]!;
    if (c === "/" && css[i + 1] === "*") {
      const close = css.indexOf("*/", i + 2);
      i = close < 0 ? css.length : close + 2;
    } else if (c === '"' || c === "'") {
      const end = stringEnd(css, i);
      if (closed(css, i, end) && /@import\s*$/i.test(css.slice(Math.max(0, i - 32), i))) rewrite(i + 1, end - 1);
      i = end;
    } else if ((c === "u" || c === "U") && /^url\(/i.test(css.slice(i, i + 4)) && !/[\w-]/.test(css[i - 1] ?? "")) {
      let j = i + 4;
      while (/\s/.test(css[j] ?? "")) j++;
      if (css[j] === '"' || css[j] === "'") {
        // url("…"): the string; the loop then moves on through `)` as ordinary text.
        const end = stringEnd(css, j);
        if (closed(css, j, end)) rewrite(j + 1, end - 1);
        i = end;
      } else {
        const close = css.indexOf(")", j);
        if (close < 0) break;
        let end = close;
        while (end > j && /\s/.test(css[end - 1]!)) end--;
        rewrite(j, end);
        i = close + 1;
      }
    } else {
      i++;
    }
  }
  return spliceText(css, edits);
}

/** Whether the string from `start` to `end` ends with its quote (an unclosed one stops at a newline). */
const closed = (css: string, start: number, end: number): boolean => end - 1 > start && css[end - 1] === css[start];

/** The offset just after the string that opens at `start` (its quote), escapes honoured. */
function stringEnd(css: string, start: number): number {
  const quote = css[start];
  let i = start + 1;
  while (i < css.length && css[i] !== quote && css[i] !== "\n") i += css[i] === "\\" ? 2 : 1;
  return Math.min(i + 1, css.length);
}
