import { reportMessages } from "../../blocks/messages.ts";
import type { Diagnostic, Message } from "../../diagnostics.ts";
import { regionDiagnostic, type TextRegion } from "../../yaml/textRegion.ts";
import type { Removal } from "./rehypeSanitizeProse.ts";

/**
 * One warning per kind of removal (an element, an attribute of an element, a URL scheme in an
 * attribute), at its first occurrence in the report body, with the caret on the removed thing.
 */
export function removalDiagnostics(removals: readonly Removal[], body: TextRegion): Diagnostic[] {
  const kinds = new Map<string, { first: Removal; times: number }>();
  for (const r of removals) {
    const key =
      r.kind === "element"
        ? `e ${r.tag}`
        : r.kind === "attribute"
          ? `a ${r.tag} ${r.attribute}`
          : r.kind === "url"
            ? `u ${r.tag} ${r.attribute} ${r.scheme}`
            : `x ${r.tag} ${r.attribute}`;
    const seen = kinds.get(key);
    if (seen) seen.times++;
    else kinds.set(key, { first: r, times: 1 });
  }
  return [...kinds.values()].map(({ first, times }) => regionDiagnostic(body, span(first, body.text), message(first, times), "warning"));
}

function message(r: Removal, times: number): Message {
  if (r.kind === "element") return reportMessages.htmlElementRemoved(r.tag, times);
  if (r.kind === "attribute") return reportMessages.htmlAttributeRemoved(r.tag, r.attribute, times);
  if (r.kind === "url") return reportMessages.unsafeUrlRemoved(r.scheme, r.tag, r.attribute, r.allowed, times);
  return reportMessages.externalUrlRemoved(r.url, r.tag, r.attribute, times);
}

/** Where to put the caret: the tag name, or the attribute or URL inside the element's source. */
function span(r: Removal, text: string): { offset: number; length: number } | undefined {
  const start = r.position?.start.offset;
  if (start === undefined) return undefined;
  const end = r.position?.end.offset ?? text.length;
  const source = text.slice(start, end);
  const isTag = source.startsWith("<");
  if (r.kind === "element") return { offset: start, length: isTag ? 1 + r.tag.length : 1 };
  const name = r.kind === "url" ? r.scheme.slice(0, -1) : r.kind === "external" ? r.url : r.attribute;
  // Past the tag name, so `<summary summary=…>` finds the attribute; case-insensitive, as HTML is.
  const from = isTag ? 1 + r.tag.length : 0;
  const at = source.toLowerCase().indexOf(name.toLowerCase(), from);
  return at < 0 ? { offset: start, length: 1 } : { offset: start + at, length: name.length };
}
