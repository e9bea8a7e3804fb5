/**
 * Query-string helpers shared by the explorer and compare views. Lists are comma-separated with
 * each item percent-encoded (so a comma inside an item is `%2C`), `/` kept readable; the filter
 * expression is encoded as by `encodeURIComponent` (`group%20%3D%20%22lr%3D3e-4%22`).
 */
export function readQuery(search: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of search.replace(/^\?/, "").split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const key = decodePart(eq < 0 ? part : part.slice(0, eq));
    if (!out.has(key)) out.set(key, eq < 0 ? "" : part.slice(eq + 1));
  }
  return out;
}

/** A raw (still encoded) value → text; `+` is a space, as HTML forms write it. */
export function decodePart(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return raw;
  }
}

export function decodeList(raw: string | undefined): string[] {
  if (!raw) return [];
  return raw.split(",").map(decodePart).filter((s) => s !== "");
}

export function encodeItem(item: string): string {
  return encodeURIComponent(item).replace(/%2F/gi, "/");
}

export function encodeList(items: readonly string[]): string {
  return items.map(encodeItem).join(",");
}

/** `[[key, encoded value], …]` → `?k=v&…`, or "" when nothing is set. */
export function formatQuery(pairs: readonly (readonly [string, string])[]): string {
  return pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}` : "";
}
