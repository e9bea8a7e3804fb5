/**
 * The name of a new report: the file `reports/<slug>.md` and the URL `/reports/<slug>/`. Same
 * rule as `parseReport` applies to existing reports (REPORT006), so a report `runfolio new`
 * writes never fails on its own name.
 */
const SLUG = /^[a-z0-9][a-z0-9-]*$/;

export type SlugCheck = { ok: true } | { ok: false; message: string; suggestion: string | null };

export function checkSlug(slug: string): SlugCheck {
  if (SLUG.test(slug)) return { ok: true };
  const expected = 'lowercase letters, digits and "-", starting with a letter or digit';
  const found = slug === "" ? "an empty name" : describeBadCharacters(slug);
  const suggestion = suggestSlug(slug);
  return {
    ok: false,
    message: `invalid report name ${JSON.stringify(slug)}: expected ${expected}, found ${found}`,
    suggestion: suggestion !== "" && suggestion !== slug ? suggestion : null,
  };
}

/** `"M", " " and ".md"`-style list of what is not allowed, in order of appearance. */
function describeBadCharacters(slug: string): string {
  if (/\.md$/i.test(slug) || slug.includes("/")) return `a file name (${JSON.stringify(slug)}): give the name without reports/ and .md`;
  const bad: string[] = [];
  for (const ch of slug) {
    if (!/[a-z0-9-]/.test(ch) && !bad.includes(ch)) bad.push(ch);
  }
  const shown = bad.slice(0, 5).map((ch) => JSON.stringify(ch));
  const more = bad.length > 5 ? ` and ${bad.length - 5} more` : "";
  if (shown.length === 0) return `a leading "-"`;
  return `${shown.join(", ")}${more}${slug.startsWith("-") ? ` and a leading "-"` : ""}`;
}

/** `My Sweep (v2).md` → `my-sweep-v2`: what the user most likely meant. */
export function suggestSlug(text: string): string {
  return text
    .replace(/^.*\//, "")
    .replace(/\.md$/i, "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
