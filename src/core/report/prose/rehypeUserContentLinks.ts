import type { Element, Root } from "hast";
import { visit } from "unist-util-visit";

/**
 * Sanitizing prefixes user `id`s (`<a id="setup">` becomes `id="user-content-setup"`, footnote
 * `fn-1` becomes `user-content-fn-1`), which would break the links to them. This points every
 * `#fragment` link at the prefixed id when only that one exists on the page, as GitHub does with
 * a script, here at build time. Links to unprefixed ids (heading slugs) are left alone.
 */
export function rehypeUserContentLinks(options: { prefix: string }) {
  return (tree: Root): void => {
    const ids = new Set<string>();
    const links: Element[] = [];
    visit(tree, "element", (el) => {
      if (typeof el.properties.id === "string") ids.add(el.properties.id);
      // `<a name>` is a link target too.
      if (el.tagName === "a" && typeof el.properties.name === "string") ids.add(el.properties.name);
      if (el.tagName === "a" && typeof el.properties.href === "string" && el.properties.href.startsWith("#")) links.push(el);
    });
    for (const a of links) {
      const fragment = decodeFragment((a.properties.href as string).slice(1));
      if (fragment === undefined || ids.has(fragment)) continue;
      const prefixed = options.prefix + fragment;
      if (ids.has(prefixed)) a.properties.href = `#${encodeURIComponent(prefixed)}`;
    }
  };
}

function decodeFragment(fragment: string): string | undefined {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return undefined;
  }
}
