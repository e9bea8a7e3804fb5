const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Everything from a run file or a report's YAML passes through here: it is text, never HTML. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** JSON safe to embed in `<script type="application/json">`: no `</script>` or `<!--` breakout. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
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
