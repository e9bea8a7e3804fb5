/**
 * Parameter importance for a sweep, like W&B's parameter-importance panel: for each config key,
 * the Pearson correlation with the target (numeric keys) and a permutation importance from a
 * small random forest of regression trees. Pure TypeScript, deterministic for a seed.
 */
import { compareText } from "../format/compareText.ts";
import { mulberry32, randomInt, shuffle } from "./random.ts";

export type ConfigValue = number | string | boolean | null;

export interface ImportanceRow {
  /** Flat config of one run (`{ lr: 3e-4, optimizer: "adam", … }`); missing keys are gaps. */
  config: Record<string, ConfigValue>;
  /** The metric to explain (e.g. final val/loss); rows with a non-finite target are left out. */
  target: number;
}

export interface ImportanceOptions {
  /** PRNG seed. __Default value:__ 1 */
  seed?: number;
  /** Trees in the forest. __Default value:__ 100 */
  trees?: number;
  /** Deepest split level of a tree. __Default value:__ 10 */
  maxDepth?: number;
  /** Fewest rows in a leaf. __Default value:__ 2 */
  minLeaf?: number;
}

export interface ParameterImportance {
  key: string;
  /** Pearson r with the target over the rows that have a numeric (or boolean) value; `null` for categorical keys, constant keys or fewer than 3 such rows. */
  correlation: number | null;
  /** Share of the forest's permutation importance, ≥ 0; the importances of a result sum to 1 (or are all 0). */
  importance: number;
  /** Rows (with a finite target) that have a value for this key. */
  n: number;
}

type Column = { key: string; numeric: boolean; constant: boolean; x: Float64Array; n: number; correlation: number | null };

/**
 * Importance of every config key for `target`, most important first; keys constant across the
 * rows (including "missing everywhere") get importance 0 and come last, sorted by key.
 *
 * Encoding: numbers as they are, booleans as 0/1, any key with a string value is categorical and
 * ordinal-encoded (categories in code-unit order); a missing value is encoded below every present
 * value, so a tree can split on "is set". Forest: `trees` regression trees, each on a bootstrap
 * sample, ⌈p/3⌉ candidate keys per split, variance-reduction splits. Importance of a key = mean
 * over trees of (out-of-bag MSE with that key's column permuted among the out-of-bag rows −
 * out-of-bag MSE), clamped at 0 and normalised to sum 1.
 */
export function parameterImportance(rows: readonly ImportanceRow[], options: ImportanceOptions = {}): ParameterImportance[] {
  const data = rows.filter((r) => Number.isFinite(r.target));
  const y = rescaled(Float64Array.from(data, (r) => r.target));
  const keys = [...new Set(data.flatMap((r) => Object.keys(r.config)))].sort(compareText);
  const columns = keys.map((key) => encodeColumn(key, data, y));
  const active = columns.filter((c) => !c.constant);

  const scores = new Float64Array(active.length);
  if (active.length > 0 && data.length >= 3) {
    const forest = permutationImportance(
      active.map((c) => c.x),
      y,
      {
        seed: options.seed ?? 1,
        trees: Math.max(1, Math.floor(options.trees ?? 100)),
        maxDepth: options.maxDepth ?? 10,
        minLeaf: Math.max(1, Math.floor(options.minLeaf ?? 2)),
      },
    );
    scores.set(forest);
  }
  let total = 0;
  for (let j = 0; j < scores.length; j++) total += (scores[j] = Math.max(0, scores[j]!));

  const ranked = active.map((c, j) => ({
    key: c.key,
    correlation: c.correlation,
    importance: total > 0 ? scores[j]! / total : 0,
    n: c.n,
  }));
  ranked.sort((a, b) => b.importance - a.importance || compareText(a.key, b.key));
  const constant = columns.filter((c) => c.constant).map((c) => ({ key: c.key, correlation: null, importance: 0, n: c.n }));
  return [...ranked, ...constant];
}

function encodeColumn(key: string, data: readonly ImportanceRow[], y: Float64Array): Column {
  const raw = data.map((r) => {
    const v = r.config[key];
    if (v === null || v === undefined) return null;
    if (typeof v === "number" && !Number.isFinite(v)) return null;
    return v;
  });
  const present = raw.filter((v): v is number | string | boolean => v !== null);
  const numeric = present.every((v) => typeof v !== "string");
  const distinct = new Set(raw.map((v) => (v === null ? "\u0000null" : `${typeof v}:${String(v)}`)));
  const constant = distinct.size <= 1;
  const x = new Float64Array(raw.length);
  if (numeric) {
    const scaled = rescaled(Float64Array.from(raw, (v) => (v === null ? NaN : Number(v))));
    const nums = raw.map((v, i) => (v === null ? null : scaled[i]!));
    const finite = nums.filter((v): v is number => v !== null);
    const min = finite.length ? Math.min(...finite) : 0;
    const max = finite.length ? Math.max(...finite) : 0;
    const below = min - (max - min || 1);
    nums.forEach((v, i) => (x[i] = v === null ? below : v));
    return { key, numeric, constant, x, n: finite.length, correlation: constant ? null : pearsonPresent(nums, y) };
  }
  const categories = [...new Set(present.map(String))].sort(compareText);
  const code = new Map(categories.map((c, i) => [c, i]));
  raw.forEach((v, i) => (x[i] = v === null ? -1 : code.get(String(v))!));
  return { key, numeric, constant, x, n: present.length, correlation: null };
}

function pearsonPresent(x: readonly (number | null)[], y: Float64Array): number | null {
  const xs: number[] = [];
  const ys: number[] = [];
  x.forEach((v, i) => {
    if (v !== null) {
      xs.push(v);
      ys.push(y[i]!);
    }
  });
  return pearson(xs, ys);
}

/** Pearson correlation; `null` with fewer than 3 pairs or when either side is constant. */
export function pearson(xIn: ArrayLike<number>, yIn: ArrayLike<number>): number | null {
  const n = Math.min(xIn.length, yIn.length);
  if (n < 3) return null;
  const x = rescaled(Float64Array.from(xIn));
  const y = rescaled(Float64Array.from(yIn));
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx <= 0 || syy <= 0) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/**
 * Values whose magnitude would overflow sums of squares (±1e308) or underflow them (subnormals)
 * divided by their largest magnitude; others as they are. Correlation and relative importance do
 * not change with the scale, so only the arithmetic is kept finite.
 */
function rescaled(values: Float64Array): Float64Array {
  let top = 0;
  for (const v of values) if (Number.isFinite(v) && Math.abs(v) > top) top = Math.abs(v);
  if (top === 0 || (top < 1e100 && top > 1e-100)) return values;
  return values.map((v) => v / top);
}

// ---- random forest -----------------------------------------------------------------------------

interface ForestOptions {
  seed: number;
  trees: number;
  maxDepth: number;
  minLeaf: number;
}

/** A regression tree in flat arrays; `feature[i] < 0` marks a leaf with prediction `value[i]`. */
interface Tree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
}

/** Mean OOB-MSE increase per feature column over the forest's trees. */
export function permutationImportance(columns: readonly Float64Array[], y: Float64Array, options: ForestOptions): Float64Array {
  const random = mulberry32(options.seed);
  const n = y.length;
  const p = columns.length;
  const mtry = Math.max(1, Math.ceil(p / 3));
  const sums = new Float64Array(p);
  let counted = 0;
  for (let t = 0; t < options.trees; t++) {
    const inBag = new Uint8Array(n);
    const sample: number[] = [];
    for (let i = 0; i < n; i++) {
      const k = randomInt(random, n);
      sample.push(k);
      inBag[k] = 1;
    }
    const oob: number[] = [];
    for (let i = 0; i < n; i++) if (!inBag[i]) oob.push(i);
    const tree = growTree(columns, y, sample, mtry, options, random);
    if (oob.length < 2) continue;
    counted++;
    const base = mse(tree, columns, y, oob, -1, null);
    for (let j = 0; j < p; j++) {
      const permuted = shuffle(oob.map((i) => columns[j]![i]!), random);
      sums[j]! += mse(tree, columns, y, oob, j, permuted) - base;
    }
  }
  if (counted > 0) for (let j = 0; j < p; j++) sums[j]! /= counted;
  return sums;
}

function mse(
  tree: Tree,
  columns: readonly Float64Array[],
  y: Float64Array,
  rows: readonly number[],
  permutedFeature: number,
  permuted: readonly number[] | null,
): number {
  let s = 0;
  rows.forEach((row, k) => {
    let node = 0;
    while (tree.feature[node]! >= 0) {
      const f = tree.feature[node]!;
      const v = f === permutedFeature ? permuted![k]! : columns[f]![row]!;
      node = v <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
    }
    const d = tree.value[node]! - y[row]!;
    s += d * d;
  });
  return s / rows.length;
}

function growTree(
  columns: readonly Float64Array[],
  y: Float64Array,
  sample: number[],
  mtry: number,
  options: ForestOptions,
  random: () => number,
): Tree {
  const tree: Tree = { feature: [], threshold: [], left: [], right: [], value: [] };
  const features = columns.map((_, j) => j);

  const build = (rows: number[], depth: number): number => {
    const id = tree.feature.length;
    let sum = 0;
    for (const r of rows) sum += y[r]!;
    const mean = sum / rows.length;
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(mean);
    if (depth >= options.maxDepth || rows.length < 2 * options.minLeaf) return id;
    let sse = 0;
    for (const r of rows) sse += (y[r]! - mean) ** 2;
    if (sse <= 1e-12 * Math.max(1, mean * mean) * rows.length) return id;

    // ⌈p/3⌉ candidate features: a partial Fisher–Yates draw.
    for (let k = 0; k < mtry; k++) {
      const j = k + randomInt(random, features.length - k);
      [features[k], features[j]] = [features[j]!, features[k]!];
    }
    let best = { gain: 0, feature: -1, threshold: 0 };
    for (let k = 0; k < mtry; k++) {
      const f = features[k]!;
      const col = columns[f]!;
      const sorted = [...rows].sort((a, b) => col[a]! - col[b]! || a - b);
      let leftSum = 0;
      let leftSq = 0;
      let totalSq = 0;
      for (const r of sorted) totalSq += y[r]! * y[r]!;
      for (let i = 0; i < sorted.length - 1; i++) {
        const v = y[sorted[i]!]!;
        leftSum += v;
        leftSq += v * v;
        const nl = i + 1;
        const nr = sorted.length - nl;
        if (nl < options.minLeaf || nr < options.minLeaf) continue;
        const a = col[sorted[i]!]!;
        const b = col[sorted[i + 1]!]!;
        if (a === b) continue;
        const rightSum = sum - leftSum;
        const childSse = leftSq - (leftSum * leftSum) / nl + (totalSq - leftSq) - (rightSum * rightSum) / nr;
        const gain = sse - childSse;
        if (gain > best.gain + 1e-12) best = { gain, feature: f, threshold: (a + b) / 2 };
      }
    }
    if (best.feature < 0) return id;
    const col = columns[best.feature]!;
    const leftRows = rows.filter((r) => col[r]! <= best.threshold);
    const rightRows = rows.filter((r) => col[r]! > best.threshold);
    tree.feature[id] = best.feature;
    tree.threshold[id] = best.threshold;
    tree.left[id] = build(leftRows, depth + 1);
    tree.right[id] = build(rightRows, depth + 1);
    return id;
  };

  build(sample, 0);
  return tree;
}
