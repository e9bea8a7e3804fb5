import type { TopLevelSpec } from "vega-lite";
import { formatNumber } from "../format/formatValue.ts";
import { normalizeMatrix, type ConfusionNormalization } from "../plots/confusionMath.ts";
import { BASE_CONFIG, VEGA_LITE_SCHEMA, type DatasetChart, type DatasetRow } from "./chartCommon.ts";

export interface ConfusionPanel {
  /** Panel title: the run's name (and step). Distinct across panels. */
  title: string;
  labels: readonly string[];
  /** Counts, rows true labels, columns predicted. */
  matrix: readonly (readonly number[])[];
}

export interface ConfusionChartInput {
  id: string;
  panels: ConfusionPanel[];
  /** Each row as shares of its true class, or each column of its predicted class; false: counts. */
  normalize: false | ConfusionNormalization;
  /** Height of one panel's grid, px; the width is the same. */
  size?: number;
}

export const CONFUSION_DATASET = "cells";
/** Panels per row before they wrap. */
const COLUMNS = 3;

/**
 * Cell size budget: 34 px per label, from 180 to 360 px a panel (180: still over the layout
 * check's 150 px plot when a grid is scaled down a step to fit its box, gridVariants.ts).
 */
export function confusionPanelSize(labels: number): number {
  return Math.max(180, Math.min(360, 34 * labels));
}

const round4 = (v: number | null): number | null => (v === null ? null : Math.round(v * 1e4) / 1e4);
export const percentText = (v: number): string => `${formatNumber(Math.round(v * 1000) / 10)}%`;

/**
 * One heatmap per run (rows true, columns predicted, in the file's label order) with each cell's
 * count or share printed, so the static SVG reads without hovering. Normalised rows (columns)
 * without examples are left blank, never shown as 0 %.
 */
export function buildConfusionSpec(input: ConfusionChartInput): DatasetChart {
  const titles = new Set<string>();
  const rows: DatasetRow[] = [];
  for (const panel of input.panels) {
    if (titles.has(panel.title)) throw new RangeError(`buildConfusionSpec: panel ${panel.title} is given twice`);
    titles.add(panel.title);
    const rowShares = normalizeMatrix(panel.matrix, "rows");
    const colShares = normalizeMatrix(panel.matrix, "columns");
    const shown = input.normalize === "columns" ? colShares : rowShares;
    const max = Math.max(1, ...panel.matrix.flat());
    panel.labels.forEach((actual, i) =>
      panel.labels.forEach((predicted, j) => {
        const count = panel.matrix[i]![j]!;
        const value = input.normalize ? shown[i]![j]! : count;
        rows.push({
          panel: panel.title,
          actual,
          predicted,
          count,
          share: round4(rowShares[i]![j]!),
          colShare: round4(colShares[i]![j]!),
          value: round4(value),
          text: value === null ? "" : input.normalize ? percentText(value) : String(count),
          // Dark cells get light text: the share of the colour scale's range the cell fills.
          dark: value !== null && (input.normalize ? value : count / max) > 0.55,
        });
      }),
    );
  }
  const tooltip = [
    { field: "panel", type: "nominal", title: "run" },
    { field: "actual", type: "nominal", title: "true" },
    { field: "predicted", type: "nominal", title: "predicted" },
    { field: "count", type: "quantitative", title: "count" },
    { field: "share", type: "quantitative", title: "share of true class (row)", format: ".1%" },
    { field: "colShare", type: "quantitative", title: "share of predicted class (column)", format: ".1%" },
  ];
  const color = {
    field: "value",
    type: "quantitative",
    title: input.normalize === "columns" ? "share of predicted class" : input.normalize ? "share of true class" : "count",
    scale: { scheme: "blues", ...(input.normalize ? { domain: [0, 1] } : { zero: true }) },
    legend: input.normalize ? { format: ".0%" } : {},
  };
  const what = input.normalize === "columns" ? " (shares of each predicted class)" : input.normalize ? " (shares of each true class)" : "";
  return { vegaLite: confusionLayout(input.panels, input.size, color, tooltip, `Confusion matrix${what} of ${input.panels.map((p) => p.title).join(", ")}`), datasets: { [CONFUSION_DATASET]: rows }, notes: [] };
}

/** The grid of panels (one per distinct `panel` of the rows), each cell coloured by `color` with its `text` printed. */
export function confusionLayout(panels: readonly { title: string; labels: readonly string[] }[], size: number | undefined, color: object, tooltip: object[], description: string): TopLevelSpec {
  const labels = [...new Set(panels.flatMap((p) => p.labels))];
  const side = size ?? confusionPanelSize(labels.length);
  const axis = { labelLimit: 120, ticks: false, domain: false };
  const cell = {
    width: side,
    height: side,
    encoding: {
      x: { field: "predicted", type: "nominal", title: "predicted", sort: labels, axis: { ...axis, labelAngle: -40, orient: "bottom" } },
      y: { field: "actual", type: "nominal", title: "true", sort: labels, axis },
    },
    layer: [
      { mark: { type: "rect", stroke: "#ffffff", strokeWidth: 1 }, encoding: { color, tooltip } },
      {
        // Named so that the dark theme leaves its colours alone (chart.css).
        name: "rf_cell_text",
        mark: { type: "text", fontSize: labels.length > 8 ? 9 : 11 },
        encoding: {
          text: { field: "text", type: "nominal" },
          color: { condition: { test: "datum.dark", value: "#ffffff" }, value: "#1a1a1a" },
          tooltip,
        },
      },
    ],
  };
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    description,
    background: "transparent",
    data: { name: CONFUSION_DATASET },
    facet: { field: "panel", type: "nominal", title: null, sort: panels.map((p) => p.title), header: { labelFontSize: 12, labelLimit: 240 } },
    columns: Math.min(COLUMNS, panels.length),
    spec: cell,
    resolve: { axis: { x: "independent", y: "independent" } },
    config: BASE_CONFIG,
  };
  return spec as unknown as TopLevelSpec;
}
