/** A compiled glob: `test` says whether the whole text matches. */
export interface GlobPattern {
  test(text: string): boolean;
}

/**
 * `*` matches any run of characters (including `/`); everything else literally. Matched without a
 * regex: a glob such as `*a*a*a*a*b` made a backtracking `^.*a.*a…$` take exponential time, while
 * this greedy walk with one resume point is O(glob × text) at worst.
 */
export function compileGlob(glob: string): GlobPattern {
  return { test: (text) => globMatches(glob, text) };
}

function globMatches(glob: string, text: string): boolean {
  let g = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (g < glob.length && glob[g] === "*") {
      star = g++;
      resume = t;
    } else if (g < glob.length && glob[g] === text[t]) {
      g++;
      t++;
    } else if (star >= 0) {
      // Let the last `*` take one more character and retry what follows it.
      g = star + 1;
      t = ++resume;
    } else return false;
  }
  while (glob[g] === "*") g++;
  return g === glob.length;
}
