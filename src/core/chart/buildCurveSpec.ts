import type { TopLevelSpec } from "vega-lite";
import { BASE_CONFIG, baseSpec, roundSignificant, type DatasetChart, type DatasetRow } from "./chartCommon.ts";

export interface CurveSeries {
  /** Legend label, distinct across series; carries the area (`run · cat (AUC 0.912)`). */
  label: string;
  color: string;
  x: readonly number[];
  y: readonly number[];
}

export interface CurveChartInput {
  id: string;
  type: "pr" | "roc";
  series: CurveSeries[];
  /** Drawn size, px (the page fits the chart to its box; this sets its proportions). */
  width?: number;
  height?: number;
}

export const CURVES_DATASET = "curves";
export const CHANCE_DATASET = "chance";
export const CURVE_HEIGHT = 360;
const AXES = {
  roc: { x: "false positive rate", y: "true positive rate" },
  pr: { x: "recall", y: "precision" },
} as const;

/**
 * ROC curves over the chance diagonal, or PR curves drawn as steps (precision holds until the
 * next threshold adds recall, as scikit-learn draws them); both axes fixed to 0–1 so charts of
 * different runs compare at a glance. One line per series, in the given order.
 */
export function buildCurveSpec(input: CurveChartInput): DatasetChart {
  const seen = new Set<string>();
  const rows: DatasetRow[] = [];
  for (const s of input.series) {
    if (seen.has(s.label)) throw new RangeError(`buildCurveSpec: series ${s.label} is given twice`);
    seen.add(s.label);
    s.x.forEach((x, i) => rows.push({ series: s.label, i, x: roundSignificant(x), y: roundSignificant(s.y[i]!) }));
  }
  const axes = AXES[input.type];
  const datasets: Record<string, DatasetRow[]> = { [CURVES_DATASET]: rows };
  if (input.type === "roc") datasets[CHANCE_DATASET] = [{ x: 0, y: 0 }, { x: 1, y: 1 }];
  const scale = { domain: [0, 1], nice: false, zero: true };
  // Ticks every 0.2: at a phone's width ten ticks of 0.1 run into each other.
  const axis = { tickCount: 5 };
  const tooltip = [
    { field: "series", type: "nominal", title: "curve" },
    { field: "x", type: "quantitative", title: axes.x, format: ".3f" },
    { field: "y", type: "quantitative", title: axes.y, format: ".3f" },
  ];
  const spec = {
    ...baseSpec(`${input.type === "roc" ? "ROC" : "Precision-recall"} curves of ${input.series.map((s) => s.label).join(", ")}`, input.width, input.height ?? CURVE_HEIGHT),
    layer: [
      ...(input.type === "roc"
        ? [
            {
              data: { name: CHANCE_DATASET },
              mark: { type: "line", strokeDash: [4, 4], color: "#8c8c8c", strokeWidth: 1 },
              encoding: { x: { field: "x", type: "quantitative", scale }, y: { field: "y", type: "quantitative", scale } },
            },
          ]
        : []),
      {
        data: { name: CURVES_DATASET },
        mark: { type: "line", strokeWidth: 2, interpolate: input.type === "pr" ? "step-before" : "linear" },
        encoding: {
          x: { field: "x", type: "quantitative", title: axes.x, scale, axis },
          y: { field: "y", type: "quantitative", title: axes.y, scale, axis },
          order: { field: "i", type: "quantitative" },
          color: {
            field: "series",
            type: "nominal",
            title: null,
            scale: { domain: input.series.map((s) => s.label), range: input.series.map((s) => s.color) },
            // One entry per curve, with its area: in HTML under the chart, so the plot keeps its height.
            legend: null,
          },
          tooltip,
        },
      },
    ],
    config: BASE_CONFIG,
  };
  return { vegaLite: spec as unknown as TopLevelSpec, datasets, notes: [], legend: { title: null, entries: input.series.map((s) => ({ label: s.label, color: s.color })) } };
}
