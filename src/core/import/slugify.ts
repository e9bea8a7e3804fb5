/**
 * Run slugs are file names: `[A-Za-z0-9._-]`, no leading dot. Anything else becomes `-`, runs of
 * `-` collapse, and an empty result becomes `run`.
 */
export function slugify(text: string): string {
  const s = text
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-.]+|-+$/g, "");
  return s === "" ? "run" : s;
}

/** Makes `slug` unique among `taken` by appending `-2`, `-3`, … and records it. */
export function uniqueSlug(slug: string, taken: Set<string>): string {
  let candidate = slug;
  for (let i = 2; taken.has(candidate); i++) candidate = `${slug}-${i}`;
  taken.add(candidate);
  return candidate;
}
