import type { Element, Root as HastRoot } from "hast";
import type { Root as MdastRoot } from "mdast";
import rehypeStringify from "rehype-stringify";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { visit, SKIP } from "unist-util-visit";
import { escapeHtml } from "../render/escapeHtml.ts";
import { findProseLimitProblem } from "../format/proseLimits.ts";

/**
 * A run's notes as markdown, safely: raw HTML in the notes is shown as the text it is (never
 * parsed as markup), links keep only http(s), mailto and relative targets (others become their
 * text), and images become their alt text, so a notes field cannot load or run anything.
 */
const processor = unified()
  .use(remarkParse)
  .use(() => (tree: MdastRoot) => {
    visit(tree, (node, index, parent) => {
      if (node.type === "html" && parent && index !== undefined) {
        const text = { type: "text" as const, value: node.value };
        // Flow-level HTML (a line of its own) becomes a paragraph of text, inline HTML stays inline.
        const flow = parent.type === "root" || parent.type === "blockquote" || parent.type === "listItem";
        (parent.children as unknown[])[index] = flow ? { type: "paragraph", children: [text] } : text;
        return SKIP;
      }
      return undefined;
    });
  })
  .use(remarkRehype)
  .use(() => (tree: HastRoot) => {
    visit(tree, "element", (node: Element, index, parent) => {
      if (!parent || index === undefined) return undefined;
      if (node.tagName === "img") {
        const alt = typeof node.properties.alt === "string" ? node.properties.alt : "";
        parent.children.splice(index, 1, ...(alt ? [{ type: "text" as const, value: alt }] : []));
        return [SKIP, index];
      }
      if (node.tagName === "a") {
        const target = typeof node.properties.href === "string" ? node.properties.href : "";
        if (!isSafeHref(target)) {
          parent.children.splice(index, 1, ...node.children);
          return [SKIP, index];
        }
        node.properties.rel = ["nofollow", "noopener", "noreferrer"];
      }
      return undefined;
    });
  })
  .use(rehypeStringify);

export function isSafeHref(target: string): boolean {
  // Browsers ignore ASCII whitespace and control characters inside a scheme (`java\tscript:`).
  // Checked once as written and once percent-decoded, so an encoded scheme cannot slip through.
  let decoded: string;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    return false;
  }
  return [target, decoded].every(hasSafeScheme);
}

function hasSafeScheme(target: string): boolean {
  const cleaned = target.replace(/[\u0000-\u0020\u007f]/g, "");
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned);
  if (!scheme) return true;
  return ["http", "https", "mailto"].includes(scheme[1]!.toLowerCase());
}

export function renderNotes(markdown: string): string {
  if (findProseLimitProblem(markdown) === null) {
    try {
      return String(processor.processSync(markdown));
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
    }
  }
  // Markdown the parser cannot take in reasonable time or stack (see proseLimits.ts): the text as it is.
  return `<pre>${escapeHtml(markdown)}</pre>`;
}
