import { getField, parseFieldPath, type FieldPath } from "../query/index.ts";
import type { Run } from "../run.ts";

// The chart block reads the catalog under these names; the fields themselves live in query/fields.ts.
export { fieldLabelsOfRuns as knownFields, flattenConfig } from "../query/fields.ts";

/**
 * A chart field as written: a field path (`config.lr`, `summary.val/loss`, `group`), or a bare
 * metric name, which means its summary value (`val/loss` → `summary.val/loss`).
 */
export function parseChartField(text: string): ReturnType<typeof parseFieldPath> {
  const direct = parseFieldPath(text);
  if (direct.ok) return direct;
  const asMetric = parseFieldPath(`summary.${text}`);
  return asMetric.ok ? asMetric : direct;
}

export function hasField(runs: readonly Run[], path: FieldPath): boolean {
  return runs.some((r) => getField(r, path) !== undefined);
}

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
