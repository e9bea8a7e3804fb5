/**
 * The start tags of an HTML document with the exact source offsets of their attribute values,
 * so a caller can change an attribute by splicing the text and leave every other byte alone.
 *
 * It follows the tokenizer of the HTML standard where it decides what is markup and what is text:
 * comments, doctypes and bogus comments, the raw text of `script`, `style`, `textarea`, `title`
 * (and the other RAWTEXT/RCDATA elements), CDATA sections and quoted `>` in attribute values.
 * So a report whose prose says `href="/x"` (a text node, escaped or not) is never taken for an
 * attribute. Simplifications, none of which Astro's output meets: no script "double escape"
 * (`<!--<script>` inside a script), and HTML integration points inside SVG/MathML (e.g.
 * `foreignObject`) are read as foreign content.
 */

export interface HtmlAttribute {
  /** Lower-cased, as the parser sees it. */
  name: string;
  /** The value as written (character references not decoded); null for a bare attribute. */
  value: string | null;
  /** Offsets of the value in the document, quotes excluded (equal when there is no value). */
  valueStart: number;
  valueEnd: number;
}

export interface HtmlStartTag {
  /** Lower-cased tag name. */
  name: string;
  /** Offset of `<` and the offset just after `>`. */
  start: number;
  end: number;
  attributes: HtmlAttribute[];
  /** For elements read as raw text (`script`, `style`, `title`, …): where that text ends (its end tag's `<`). */
  textEnd?: number;
}

// Elements whose content the tokenizer reads as text up to their end tag (noscript is left out:
// with scripting off, which is when its content shows, it holds markup).
const RAW_TEXT = new Set(["script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title"]);
const FOREIGN_ROOTS = new Set(["svg", "math"]);
const [SLASH, GT, EQUALS, DOUBLE_QUOTE, SINGLE_QUOTE] = ["/", ">", "=", '"', "'"].map((c) => c.charCodeAt(0));
// Tab, line feed, form feed, carriage return, space.
const isSpaceCode = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
const isAsciiAlpha = (c: string | undefined): boolean => c !== undefined && ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z"));

/** Every start tag of `html`, in document order (one at a time: a long page has hundreds of thousands). */
export function* htmlStartTags(html: string): Generator<HtmlStartTag> {
  let foreignDepth = 0;
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    if (lt < 0) break;
    const next = html[lt + 1];
    if (next === "!") {
      i = skipMarkupDeclaration(html, lt, foreignDepth > 0);
    } else if (next === "?") {
      i = skipPast(html, ">", lt + 2);
    } else if (next === "/") {
      if (isAsciiAlpha(html[lt + 2])) {
        const tag = readTag(html, lt + 2);
        if (tag === null) return;
        if (foreignDepth > 0 && FOREIGN_ROOTS.has(tag.name)) foreignDepth--;
        i = tag.end;
      } else {
        i = html[lt + 2] === ">" ? lt + 3 : skipPast(html, ">", lt + 2);
      }
    } else if (isAsciiAlpha(next)) {
      const tag = readTag(html, lt + 1);
      // A tag cut off by the end of the file is dropped by the parser: nothing to report.
      if (tag === null) return;
      const startTag: HtmlStartTag = { name: tag.name, start: lt, end: tag.end, attributes: tag.attributes };
      i = tag.end;
      if (foreignDepth > 0) {
        if (FOREIGN_ROOTS.has(tag.name) && !tag.selfClosing) foreignDepth++;
      } else if (FOREIGN_ROOTS.has(tag.name)) {
        if (!tag.selfClosing) foreignDepth = 1;
      } else if (RAW_TEXT.has(tag.name)) {
        i = startTag.textEnd = rawTextEnd(html, tag.name, i);
      }
      yield startTag;
      // Everything after <plaintext> is text.
      if (tag.name === "plaintext" && foreignDepth === 0) return;
    } else {
      i = lt + 1;
    }
  }
}

function skipPast(html: string, marker: string, from: number): number {
  const at = html.indexOf(marker, from);
  return at < 0 ? html.length : at + marker.length;
}

/** After `<!`: a comment, a CDATA section (only in SVG/MathML), or a doctype/bogus comment. */
function skipMarkupDeclaration(html: string, lt: number, foreign: boolean): number {
  if (html.startsWith("<!--", lt)) {
    // `<!-->` and `<!--->` are (empty) comments; otherwise up to `-->`, or `--!>`.
    if (html.startsWith(">", lt + 4)) return lt + 5;
    if (html.startsWith("->", lt + 4)) return lt + 6;
    const close = /--!?>/g;
    close.lastIndex = lt + 4;
    const m = close.exec(html);
    return m ? m.index + m[0].length : html.length;
  }
  if (foreign && html.startsWith("<![CDATA[", lt)) return skipPast(html, "]]>", lt + 9);
  return skipPast(html, ">", lt + 2);
}

/** Offset of the `<` of the end tag that closes a raw-text element, or the end of the document. */
function rawTextEnd(html: string, name: string, from: number): number {
  // Case-insensitive without lower-casing the document (that can change its length, and offsets).
  const endTag = new RegExp(`</${name}(?=[\\t\\n\\f\\r />]|$)`, "gi");
  endTag.lastIndex = from;
  return endTag.exec(html)?.index ?? html.length;
}

/** A tag from its name (just after `<` or `</`) to just after its `>`; null if the file ends first. */
function readTag(html: string, nameStart: number): { name: string; end: number; selfClosing: boolean; attributes: HtmlAttribute[] } | null {
  // Character codes, not one-character strings: this loop sees every byte of every tag.
  const at = (k: number): number => html.charCodeAt(k); // NaN past the end
  const n = html.length;
  let i = nameStart;
  while (i < n && !isSpaceCode(at(i)) && at(i) !== SLASH && at(i) !== GT) i++;
  const name = html.slice(nameStart, i).toLowerCase();
  const attributes: HtmlAttribute[] = [];
  let selfClosing = false;
  for (;;) {
    while (isSpaceCode(at(i))) i++;
    if (i >= n) return null;
    if (at(i) === GT) return { name, end: i + 1, selfClosing, attributes };
    if (at(i) === SLASH) {
      i++;
      selfClosing = at(i) === GT;
      continue;
    }
    selfClosing = false;
    // An attribute name: a leading `=` belongs to it, as in the standard.
    const attrStart = i;
    i++;
    while (i < n && !isSpaceCode(at(i)) && at(i) !== SLASH && at(i) !== GT && at(i) !== EQUALS) i++;
    const attrName = html.slice(attrStart, i).toLowerCase();
    let j = i;
    while (isSpaceCode(at(j))) j++;
    if (at(j) !== EQUALS) {
      attributes.push({ name: attrName, value: null, valueStart: i, valueEnd: i });
      continue;
    }
    j++;
    while (isSpaceCode(at(j))) j++;
    const quote = at(j);
    if (quote === DOUBLE_QUOTE || quote === SINGLE_QUOTE) {
      const close = html.indexOf(quote === DOUBLE_QUOTE ? '"' : "'", j + 1);
      if (close < 0) return null;
      attributes.push({ name: attrName, value: html.slice(j + 1, close), valueStart: j + 1, valueEnd: close });
      i = close + 1;
    } else {
      let k = j;
      while (k < n && !isSpaceCode(at(k)) && at(k) !== GT) k++;
      attributes.push({ name: attrName, value: html.slice(j, k), valueStart: j, valueEnd: k });
      i = k;
    }
  }
}
