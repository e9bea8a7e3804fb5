const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Everything from a run file or a report's YAML passes through here: it is text, never HTML. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const SCRIPT_ESCAPES: Record<string, string> = { "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029" };

/** JSON safe to embed in `<script type="application/json">`: no `</script>` or `<!--` breakout. */
export function jsonForScript(value: unknown): string {
  // One pass: a chart's payload is hundreds of kilobytes.
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => SCRIPT_ESCAPES[c]!);
}

/**
 * Text for XML documents (SVG files, Atom): characters XML forbids (control characters, lone
 * surrogates) are dropped — a run name may hold them, an XML parser rejects them — then escaped.
 */
export function escapeXml(value: unknown): string {
  return String(value)
    .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/[&<>"']/g, (c) => (c === "'" ? "&apos;" : ESCAPES[c]!));
}
