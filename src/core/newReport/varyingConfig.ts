/**
 * The config keys a runs table of a new report shows: the ones whose values differ between the
 * selected runs — what the runs were run to compare (learning rate, seed, architecture).
 */
import { compareText } from "../format/compareText.ts";
import { configLeaves, fieldLabel } from "../query/fields.ts";
import type { FieldPath } from "../query/index.ts";
import type { Run } from "../run.ts";

/** At most this many config columns: a starting table that fits a page. */
export const MAX_CONFIG_COLUMNS = 4;

interface KeyStats {
  path: FieldPath;
  label: string;
  /** Runs per distinct value (as JSON); runs without the key are counted under MISSING. */
  counts: Map<string, number>;
  /** Every value is text: with as many values as runs, a name or a folder, not a setting. */
  allText: boolean;
}

const MISSING = "\u0000missing";

/**
 * Config leaves (nested keys walked; lists are leaves; empty objects are not shown) whose value
 * differs across `runs`, best first: the keys that split the runs most evenly (a learning rate
 * over a sweep beats a batch size only one run changed), per-run text (`output_dir`) last, ties
 * by path. The first `limit` are returned in path order, so related keys sit together.
 */
export function varyingConfigKeys(runs: readonly Run[], limit = MAX_CONFIG_COLUMNS): FieldPath[] {
  if (runs.length < 2) return [];
  const keys = new Map<string, KeyStats>();
  for (const run of runs) {
    for (const [label, { path, value }] of leaves(run.config)) {
      let k = keys.get(label);
      if (!k) keys.set(label, (k = { path, label, counts: new Map(), allText: true }));
      const v = JSON.stringify(value);
      k.counts.set(v, (k.counts.get(v) ?? 0) + 1);
      if (typeof value !== "string") k.allText = false;
    }
  }
  const ranked = [...keys.values()].map((k) => {
    const present = [...k.counts.values()].reduce((a, b) => a + b, 0);
    if (present < runs.length) k.counts.set(MISSING, runs.length - present);
    // How many runs are not in the largest group: 0 for a constant key.
    const spread = runs.length - Math.max(...k.counts.values());
    const perRunText = k.allText && k.counts.size === runs.length && runs.length > 2;
    return { k, spread, perRunText };
  });
  return ranked
    .filter((r) => r.spread > 0)
    .sort((a, b) => Number(a.perRunText) - Number(b.perRunText) || b.spread - a.spread || compareText(a.k.label, b.k.label))
    .slice(0, limit)
    .map((r) => r.k)
    .sort((a, b) => compareText(a.label, b.label))
    .map((k) => k.path);
}

/**
 * Canonical label → path and value of every config leaf of one run. An empty object is a leaf of
 * the catalog but not a setting a reader compares, so it never becomes a column here.
 */
function leaves(config: Record<string, unknown>): Map<string, { path: FieldPath; value: unknown }> {
  const out = new Map<string, { path: FieldPath; value: unknown }>();
  for (const { keys, value } of configLeaves(config)) {
    if (isEmptyObject(value)) continue;
    const path: FieldPath = { root: "config", keys };
    out.set(fieldLabel(path), { path, value });
  }
  return out;
}

const isEmptyObject = (v: unknown) => v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0;
