import type { Code, Root } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { BLOCK_LANGS } from "../blocks/blockSchemas.ts";

/**
 * A report body as plain text for search and summaries: the prose, inline code and code blocks
 * as written; of Runfolio blocks (YAML) only their `title:` lines, which become the charts'
 * captions. No HTML is produced or kept.
 */
export function markdownText(body: string): string {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(body) as Root;
  const parts: string[] = [];
  for (const node of tree.children) {
    if (node.type === "code" && (BLOCK_LANGS as readonly string[]).includes((node as Code).lang ?? "")) {
      const title = /^title:\s*(.+)$/m.exec((node as Code).value)?.[1];
      if (title) parts.push(title.replace(/^(["'])(.*)\1$/, "$2"));
      continue;
    }
    if (node.type === "html") continue;
    parts.push(textOf(node));
  }
  return parts.join("\n").replace(/[ \t]+/g, " ").trim();
}

/** The first `max` characters of a body's text, cut at a word, for a summary. */
export function excerpt(text: string, max = 280): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2)).trimEnd()}…`;
}

/** The text of an mdast node: its value, or its children's text (block children on new lines). */
function textOf(node: unknown): string {
  const n = node as { type: string; value?: unknown; alt?: unknown; children?: unknown[] };
  if (typeof n.value === "string") return n.value;
  if (n.type === "image" && typeof n.alt === "string") return n.alt;
  if (!n.children) return n.type === "break" ? "\n" : "";
  const inline = n.type === "paragraph" || n.type === "heading" || n.type === "tableCell" || n.type === "link" || n.type === "emphasis" || n.type === "strong" || n.type === "delete";
  return n.children.map(textOf).join(inline ? "" : n.type === "tableRow" ? " " : "\n");
}
