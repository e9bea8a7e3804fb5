/**
 * Which rows of a joined table the runs disagree on, over its columns: a row disagrees in a group
 * of per-run columns (one key, compared) when two runs that have the row hold different cells
 * there, as `sameCell` says. Pure and browser-safe: the rows file worker computes it off the
 * page's main thread, the model when no worker did.
 */
import { cellAt, type DictionaryFacts, type RowsColumns, type RowsMeta } from "./rowsColumns.ts";
import { sameCell } from "./rowsPayload.ts";

/** Per column, its group of compared per-run columns (one per key, at most 32), or -1. */
export function compareGroups(meta: RowsMeta): Int32Array {
  const groups = new Map<string, number>();
  return Int32Array.from(meta.columns, (c) => {
    if (c.run === null || !c.compared) return -1;
    if (!groups.has(c.key)) groups.set(c.key, Math.min(groups.size, 31));
    return groups.get(c.key)!;
  });
}

/** Per row, a bit per group in which the runs that have the row differ (all 0 for a table that is not joined). */
export function disagreementsOf(columns: RowsColumns, facts: DictionaryFacts, groupOf: Int32Array = compareGroups(columns.meta)): Uint32Array {
  const n = columns.rowCount;
  const differing = new Uint32Array(n);
  if (columns.meta.join === null) return differing;
  const present = columns.present;
  const groupCount = groupOf.reduce((m, g) => Math.max(m, g + 1), 0);
  for (let g = 0; g < groupCount; g++) {
    const members: { column: number; bit: number }[] = [];
    groupOf.forEach((group, k) => {
      if (group === g) members.push({ column: k, bit: 1 << columns.meta.columns[k]!.run! });
    });
    for (let i = 0; i < n; i++) {
      const has = present ? present[i]! : -1;
      let first = -1;
      for (const { column, bit } of members) {
        if (!(has & bit)) continue;
        if (first < 0) first = column;
        else if (!sameAt(columns, facts, i, first, column)) {
          differing[i]! |= 1 << g;
          break;
        }
      }
    }
  }
  return differing;
}

/** Whether columns `a` and `b` hold the same cell in row `i`. */
function sameAt(columns: RowsColumns, facts: DictionaryFacts, i: number, a: number, b: number): boolean {
  const x = columns.data[a]!;
  const y = columns.data[b]!;
  if (x.kind === "codes" && y.kind === "codes") return facts.sameClass[x.codes[i]!] === facts.sameClass[y.codes[i]!];
  if (x.kind === "numbers" && y.kind === "numbers") {
    const gx = x.gaps?.[i] === 1;
    const gy = y.gaps?.[i] === 1;
    if (gx || gy) return gx === gy;
    const u = x.values[i]!;
    const v = y.values[i]!;
    return u === v || (u !== u && v !== v);
  }
  return sameCell(cellAt(columns, i, a), cellAt(columns, i, b));
}
