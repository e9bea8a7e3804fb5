/** Replace `text[start, end)` with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** `source` with non-overlapping edits applied (in any order); the rest is copied unchanged. */
export function spliceText(source: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) return source;
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error(`overlapping edits at ${e.start}`);
    out += source.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + source.slice(at);
}
