/** One piece of a snippet: a matched word is `mark`ed (the page wraps it in `<mark>` as text). */
export interface SnippetPart {
  text: string;
  mark: boolean;
}

// Words as MiniSearch's default tokenizer cuts them: between spaces and punctuation.
const WORD = /[^\s\p{Z}\p{P}]+/gu;
const BEFORE = 50;

/**
 * A short excerpt of `text` around the words a search matched (`terms`: the index terms it
 * matched, any case), as parts to show in order; the window holding the most matches wins,
 * cut at words, with `…` where text was left out. No match in `text`: no parts. Plain text in
 * and out: the caller sets it as text, never as HTML.
 */
export function searchSnippet(text: string, terms: readonly string[], max = 180): SnippetPart[] {
  const flat = text.replace(/\s+/g, " ").trim();
  const wanted = new Set(terms.map((t) => t.toLowerCase()));
  const hits: [number, number][] = [];
  for (const m of flat.matchAll(WORD)) {
    if (wanted.has(m[0].toLowerCase())) hits.push([m.index, m.index + m[0].length]);
  }
  if (hits.length === 0) return [];
  let best = 0;
  let bestCount = 0;
  for (let i = 0; i < hits.length; i++) {
    const start = Math.max(0, hits[i]![0] - BEFORE);
    const count = hits.filter(([s, e]) => s >= start && e <= start + max).length;
    if (count > bestCount) [best, bestCount] = [i, count];
  }
  let start = Math.max(0, hits[best]![0] - BEFORE);
  let end = Math.min(flat.length, start + max);
  // Cut at spaces, so no word shows in part.
  if (start > 0) start = flat.indexOf(" ", start) < 0 || flat.indexOf(" ", start) >= hits[best]![0] ? start : flat.indexOf(" ", start) + 1;
  if (end < flat.length) {
    const space = flat.lastIndexOf(" ", end);
    if (space > hits[best]![1]) end = space;
  }
  const parts: SnippetPart[] = [];
  const push = (s: string, mark: boolean) => {
    if (!s) return;
    const last = parts.at(-1);
    if (last && !last.mark && !mark) last.text += s;
    else parts.push({ text: s, mark });
  };
  if (start > 0) push("… ", false);
  let at = start;
  for (const [s, e] of hits) {
    if (s < start || e > end) continue;
    push(flat.slice(at, s), false);
    push(flat.slice(s, e), true);
    at = e;
  }
  push(flat.slice(at, end), false);
  if (end < flat.length) push(" …", false);
  return parts;
}

/** The lines of a run's config (`key value` each) that hold a match, as one snippet: `a.b 1 · c.d 2`. */
export function lineSnippet(lines: string, terms: readonly string[], max = 180): SnippetPart[] {
  const matching = lines.split("\n").filter((line) => searchSnippet(line, terms).length > 0);
  return searchSnippet(matching.join(" · "), terms, max);
}
