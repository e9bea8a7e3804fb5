import type { Element, Root, RootContent } from "hast";
import { find, html } from "property-information";
import rehypeSanitize, { type Options as Schema } from "rehype-sanitize";
import type { Position } from "unist";
import { visit } from "unist-util-visit";

/** One thing sanitization took out of the prose. */
export type Removal =
  | { kind: "element"; tag: string; position: Position | undefined }
  | { kind: "attribute"; tag: string; attribute: string; position: Position | undefined }
  | { kind: "url"; tag: string; attribute: string; scheme: string; allowed: readonly string[]; position: Position | undefined }
  /** A URL of another site where only the site's own are allowed (images). */
  | { kind: "external"; tag: string; attribute: string; url: string; position: Position | undefined };

export interface RehypeSanitizeProseOptions {
  schema: Schema;
  /** Called once per tree with everything removed, in document order. */
  onRemoved: (removals: Removal[]) => void;
}

// Every element is tagged before sanitizing and the tags read back after, so what was removed
// is whatever the schema removed, not a second opinion of it.
const TAG = "dataRfSanitizeId";

/**
 * rehype-sanitize over a tree whose raw HTML has been parsed (rehype-raw), reporting what it
 * removed: elements, attributes, and URLs the schema refuses. Positions are the tree's (the markdown's);
 * an element without one (made by the parser) reports its nearest positioned ancestor's.
 */
export function rehypeSanitizeProse(options: RehypeSanitizeProseOptions) {
  const schema: Schema = {
    ...options.schema,
    attributes: { ...options.schema.attributes, "*": [...(options.schema.attributes?.["*"] ?? []), TAG] },
  };
  const sanitize = rehypeSanitize(schema);
  return (tree: Root): Root => {
    const originals: Element[] = [];
    const removals: Removal[] = [];
    const positions = new Map<Element, Position | undefined>();
    visit(tree, "element", (el, _index, parent) => {
      const inherited = parent && parent.type === "element" ? positions.get(parent) : undefined;
      positions.set(el, el.position ?? inherited);
      // A user attribute of the tag's own name would be overwritten: report it as removed.
      if (TAG in el.properties) removals.push({ kind: "attribute", tag: el.tagName, attribute: attributeName(TAG), position: positions.get(el) });
      el.properties = { ...el.properties, [TAG]: String(originals.length) };
      originals.push(el);
    });
    const clean = sanitize(tree);
    const kept = new Map<string, Element>();
    visit(clean, "element", (el) => {
      const id = el.properties[TAG];
      delete el.properties[TAG];
      if (typeof id === "string") kept.set(id, el);
    });
    const stripped = new Set(schema.strip ?? []);
    const compare = (children: readonly RootContent[]): void => {
      for (const child of children) {
        if (child.type !== "element") continue;
        const position = positions.get(child);
        const out = kept.get(String(child.properties[TAG]));
        if (!out) {
          removals.push({ kind: "element", tag: child.tagName, position });
          // Stripped elements go with their content; the others are unwrapped, their content judged.
          if (!stripped.has(child.tagName)) compare(child.children);
          continue;
        }
        for (const [key, value] of Object.entries(child.properties)) {
          if (key === TAG) continue;
          const now = out.properties[key];
          const lost = now === undefined || (Array.isArray(value) && (!Array.isArray(now) || now.length < value.length));
          if (!lost) continue;
          const attribute = attributeName(key);
          const allowed = schema.protocols?.[key];
          const scheme = allowed ? refusedScheme(allowed, value) : undefined;
          const narrowed = siteOnly(schema, child.tagName, key);
          removals.push(
            scheme && allowed
              ? { kind: "url", tag: child.tagName, attribute, scheme, allowed: narrowed ? [] : allowed, position }
              : narrowed && typeof value === "string"
                ? { kind: "external", tag: child.tagName, attribute, url: value, position }
                : { kind: "attribute", tag: child.tagName, attribute, position },
          );
        }
        compare(child.children);
      }
    };
    compare(tree.children);
    options.onRemoved(removals);
    return clean;
  };
}

/** Whether the schema narrows this attribute's values further than its schemes (images: site URLs only). */
function siteOnly(schema: Schema, tag: string, property: string): boolean {
  const definition = schema.attributes?.[tag]?.find((d) => (typeof d === "string" ? d : d[0]) === property);
  return Array.isArray(definition) && definition.length > 1;
}

function attributeName(property: string): string {
  return find(html, property).attribute;
}

/** `javascript:` for a URL whose scheme is not in `allowed` (the schema's test, see hast-util-sanitize). */
function refusedScheme(allowed: readonly string[], value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const colon = value.indexOf(":");
  if (colon < 0 || /[/?#]/.test(value.slice(0, colon))) return undefined;
  const scheme = value.slice(0, colon);
  return allowed.includes(scheme) ? undefined : `${scheme.trim().toLowerCase()}:`;
}
