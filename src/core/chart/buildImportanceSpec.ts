import type { TopLevelSpec } from "vega-lite";
import type { ParameterImportance } from "../stats/importance.ts";
import { barBandPadding, barChartHeight } from "./buildBarSpec.ts";
import { BASE_CONFIG, baseSpec, roundSignificant, SIGN_COLORS, type DatasetChart, type DatasetRow } from "./chartCommon.ts";

export interface ImportanceChartInput {
  id: string;
  /** Accessible description; defaults to `"Parameter importance for <targetLabel>"`. */
  description?: string;
  /** The metric the importances explain, e.g. `val/loss`. */
  targetLabel: string;
  /** `parameterImportance(…)`'s result (any order: sorted here, most important first, stable). */
  items: ParameterImportance[];
  width?: number;
  height?: number;
}

/** The dataset the importance spec reads: one row per config key. */
export const IMPORTANCE_DATASET = "importance";

export const SIGN_LABELS = { positive: "r > 0", negative: "r < 0", none: "no r" } as const;

/**
 * Parameter importance as a horizontal bar chart: bar length = importance (share of the forest's
 * permutation importance, 0–100 %), bar colour = sign of the Pearson correlation with the target
 * (blue r > 0, orange r < 0, grey for categorical keys or no r), and `r = +0.93` printed at the
 * end of each bar, so both numbers read in the static SVG. Tooltip: key, importance, r, n.
 */
export function buildImportanceSpec(input: ImportanceChartInput): DatasetChart {
  const seen = new Set<string>();
  for (const it of input.items) {
    if (seen.has(it.key)) throw new RangeError(`buildImportanceSpec: key ${it.key} is given twice`);
    seen.add(it.key);
  }
  const items = input.items
    .map((it, i) => ({ it, i }))
    .sort((a, b) => b.it.importance - a.it.importance || a.i - b.i)
    .map(({ it }) => it);
  const rows: DatasetRow[] = items.map((it) => {
    const r = it.correlation !== null && Number.isFinite(it.correlation) ? roundSignificant(it.correlation, 3) : null;
    const sign = r === null || r === 0 ? "none" : r > 0 ? "positive" : "negative";
    return {
      key: it.key,
      importance: roundSignificant(Math.max(0, it.importance), 4),
      correlation: r,
      sign: SIGN_LABELS[sign],
      text: r === null ? "r = —" : `r = ${signed(r, 2)}`,
      rText: r === null ? "—" : signed(r, 3),
      n: it.n,
    };
  });
  const height = input.height ?? barChartHeight(rows.length);
  const notes: string[] = [];
  const constant = items.filter((it) => it.importance === 0 && it.correlation === null).length;
  if (items.length > 0 && items.every((it) => it.importance === 0)) {
    notes.push("No key explains any of the variation of the target (too few runs, or nothing varies).");
  } else if (constant > 0) {
    notes.push(`${constant} key${constant === 1 ? "" : "s"} with importance 0 and no correlation (e.g. constant across the runs).`);
  }

  const keys = rows.map((r) => r.key as string);
  // Room right of the longest bar for its `r = …` label: 1.3 × the largest share, in 10 % steps.
  const top = Math.max(0, ...rows.map((r) => r.importance as number));
  const xMax = Math.min(1.3, Math.max(0.1, Math.ceil(top * 1.3 * 10) / 10));
  const signs = [SIGN_LABELS.positive, SIGN_LABELS.negative, SIGN_LABELS.none];
  const tooltip = [
    { field: "key", type: "nominal", title: "parameter" },
    { field: "importance", type: "quantitative", title: "importance", format: ".1%" },
    { field: "rText", type: "nominal", title: `r with ${input.targetLabel}` },
    { field: "n", type: "quantitative", title: "runs" },
  ];
  const spec = {
    ...baseSpec(input.description ?? `Parameter importance for ${input.targetLabel}`, input.width, height),
    data: { name: IMPORTANCE_DATASET },
    encoding: {
      y: {
        field: "key",
        type: "nominal",
        title: null,
        sort: null,
        scale: { domain: keys, ...barBandPadding(keys.length, height) },
        axis: { labelLimit: 240, ticks: false, domain: false },
      },
    },
    layer: [
      {
        // "show": a key without r keeps its bar (the tooltip shows r as blank).
        mark: { type: "bar", invalid: "show" },
        encoding: {
          x: {
            field: "importance",
            type: "quantitative",
            title: `importance for ${input.targetLabel}`,
            scale: { domain: [0, xMax], zero: true, nice: false },
            // Ticks stop at 100 %: the domain past it is only room for the labels.
            axis: { format: "%", values: percentTicks(xMax) },
          },
          color: {
            field: "sign",
            type: "nominal",
            title: "correlation",
            scale: { domain: signs, range: [SIGN_COLORS.positive, SIGN_COLORS.negative, SIGN_COLORS.none] },
            legend: { orient: "right" },
          },
          tooltip,
        },
      },
      {
        mark: { type: "text", align: "left", baseline: "middle", dx: 4, fontSize: 10 },
        encoding: { x: { field: "importance", type: "quantitative" }, text: { field: "text", type: "nominal" } },
      },
    ],
    config: BASE_CONFIG,
  };
  return { vegaLite: spec as unknown as TopLevelSpec, datasets: { [IMPORTANCE_DATASET]: rows }, notes };
}

/** Round shares from 0 up to `max` and never past 1 (100 %), about five of them. */
export function percentTicks(max: number): number[] {
  const top = Math.min(1, max);
  const step = top <= 0.2 ? 0.05 : top <= 0.5 ? 0.1 : top <= 0.8 ? 0.2 : 0.25;
  const out: number[] = [];
  for (let k = 0; k * step <= top + 1e-9; k++) out.push(Math.round(k * step * 100) / 100);
  return out;
}

/** `+0.93`, `−0.81` (a real minus sign), `0.00`. */
function signed(r: number, digits: number): string {
  return `${r > 0 ? "+" : r < 0 ? "−" : ""}${Math.abs(r).toFixed(digits)}`;
}
