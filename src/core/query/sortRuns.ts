import type { Run } from "../run.ts";
import type { FieldPath } from "./ast.ts";
import { compareText } from "../format/compareText.ts";
import { getField } from "./fieldPath.ts";

export interface SortKey {
  path: FieldPath;
  /** Reverses present values only: missing values stay last. Default ascending. */
  descending: boolean;
}

/** Missing, null and NaN are gaps: they sort last in either direction. */
function isGap(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "number" && Number.isNaN(value));
}

/** Mixed columns order by type first: numbers, strings, booleans, then lists and objects. */
function typeRank(value: unknown): number {
  switch (typeof value) {
    case "number":
      return 0;
    case "string":
      return 1;
    case "boolean":
      return 2;
    default:
      return 3;
  }
}

function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") return compareText(a, b);
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  return compareText(JSON.stringify(a) ?? "", JSON.stringify(b) ?? "");
}

/**
 * Sort runs by `keys` in order (a new array; the input is untouched). Numbers compare numerically,
 * strings by code point (no locale), false before true; gaps last whatever the direction; ties,
 * including runs with no keys at all, by run id.
 */
export function sortRuns(runs: readonly Run[], keys: readonly SortKey[]): Run[] {
  const rows = runs.map((run, index) => ({ run, index, values: keys.map((k) => getField(run, k.path)) }));
  rows.sort((x, y) => {
    for (let i = 0; i < keys.length; i++) {
      const a = x.values[i];
      const b = y.values[i];
      const gapA = isGap(a);
      const gapB = isGap(b);
      if (gapA || gapB) {
        if (gapA && gapB) continue;
        return gapA ? 1 : -1;
      }
      const c = compareValues(a, b);
      if (c !== 0) return keys[i]!.descending ? -c : c;
    }
    return compareText(x.run.id, y.run.id) || x.index - y.index;
  });
  return rows.map((r) => r.run);
}
