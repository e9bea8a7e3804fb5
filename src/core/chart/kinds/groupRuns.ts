import { compareText } from "../../format/compareText.ts";
import { blockMessages } from "../../blocks/messages.ts";
import type { Diagnostic } from "../../diagnostics.ts";
import { formatValue } from "../../format/formatValue.ts";
import { getField, type FieldPath } from "../../query/index.ts";
import type { Run } from "../../run.ts";
import { regionDiagnostic } from "../../yaml/textRegion.ts";
import { formatNumberLevels } from "../numberLevels.ts";
import type { KindBlock } from "./chartKind.ts";

export interface RunGroups {
  keyOf: (run: Run) => string;
  /** Keys in order: numbers ascending, then text in code-point order. */
  keys: string[];
  missing: Run[];
}

/** Runs by the value of a field (`line` and `bar` with `group`). */
export function groupRuns(runs: readonly Run[], path: FieldPath): RunGroups {
  const numbers = formatNumberLevels(runs.map((r) => getField(r, path)).filter((v): v is number => typeof v === "number"));
  // Numbers of one field share one notation, so their keys read as a series.
  const keyOf = (run: Run): string => {
    const v = getField(run, path) ?? null;
    return (typeof v === "number" ? numbers.get(v) : undefined) ?? formatValue(v);
  };
  const raw = new Map<string, unknown>();
  const missing: Run[] = [];
  for (const r of runs) {
    const v = getField(r, path);
    if (v === undefined || v === null) missing.push(r);
    else raw.set(keyOf(r), v);
  }
  const keys = [...raw.keys()].sort((a, b) => {
    const va = raw.get(a);
    const vb = raw.get(b);
    if (typeof va === "number" && typeof vb === "number") return va - vb;
    if (typeof va === "number") return -1;
    if (typeof vb === "number") return 1;
    return compareText(a, b);
  });
  return { keyOf, keys, missing };
}

/** False, with an error at `group`, when some runs have no value for the group field. */
export function checkGroupCoverage(block: KindBlock<unknown>, groups: RunGroups, diagnostics: Diagnostic[]): boolean {
  if (groups.missing.length === 0) return true;
  diagnostics.push(regionDiagnostic(block.region, block.yaml.locateValue(["group"]), blockMessages.groupMissing(groups.missing.map((r) => r.name))));
  return false;
}
