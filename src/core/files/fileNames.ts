/**
 * Which names can be published. A run's id is its path under `runs/`, and each segment becomes a
 * file on the built site and a percent-encoded URL segment (`core/paths/runPath.ts`). A name that
 * one common file system, static host or the site generator cannot carry is rejected with the
 * reason, rather than building a page no link reaches. Pure.
 */

/** Bytes of one name, leaving room for the `.json` and `.png` the site adds to a run's last segment. */
export const MAX_NAME_BYTES = 250;

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

/** Why `name` (one path segment) cannot be published, or null when it can. */
export function nameProblem(name: string): string | null {
  if (name === "") return "it is empty";
  if (name === "." || name === "..") return `"${name}" means a folder itself or its parent in a path`;
  for (const ch of name) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return `it contains the control character U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
    if (c >= 0xd800 && c <= 0xdfff) return "it contains a lone UTF-16 surrogate, which is not a character";
  }
  if (name.includes("\\")) return "it contains '\\', which Windows cannot store in a file name and browsers read as '/' in a URL";
  if (name.includes("%")) return "it contains '%', which starts an escape in a URL, so hosts look for a different file";
  if (name.includes("#")) return "it contains '#', which starts the fragment of a URL, so links stop before it";
  if (name.includes("?")) return "it contains '?', which starts the query of a URL and cannot be stored on Windows";
  const windows = /[<>:"|*]/.exec(name);
  if (windows) return `it contains '${windows[0]}', which Windows cannot store in a file name`;
  if (/[ .]$/.test(name)) return "it ends with a space or a dot, which Windows drops from file names";
  if (WINDOWS_RESERVED.test(name)) return `"${name.split(".")[0]}" is a reserved device name on Windows`;
  const bytes = new TextEncoder().encode(name).length;
  if (bytes > MAX_NAME_BYTES) return `it is ${bytes} bytes long in UTF-8; names can be at most ${MAX_NAME_BYTES}`;
  return null;
}

/**
 * The name as case-insensitive, normalization-insensitive file systems (macOS, Windows) and hosts
 * see it: two names with the same key are one file there.
 */
export function nameKey(name: string): string {
  return name.normalize("NFC").toLowerCase().normalize("NFC");
}

/** How two different names with the same `nameKey` differ, and where that breaks. */
export function howNamesCollide(a: string, b: string): string {
  return a.normalize("NFC") === b.normalize("NFC")
    ? "only in how their accented letters are encoded (Unicode NFC / NFD): they look the same, macOS stores them as one file, and a link written in one form does not reach the other"
    : "only in upper and lower case: they are one file on macOS and Windows checkouts and on case-insensitive hosts";
}

/** `name` with control characters written as `\u0001`: a diagnostic never prints one raw to a terminal. */
export function visibleName(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
