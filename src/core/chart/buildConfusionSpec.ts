import type { TopLevelSpec } from "vega-lite";
import { formatNumber } from "../format/formatValue.ts";
import { normalizeRows } from "../plots/evalCurves.ts";
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
  /** Each row as shares of its true class instead of counts. */
  normalize: boolean;
  /** Height of one panel's grid, px; the width is the same. */
  size?: number;
}

export const CONFUSION_DATASET = "cells";
/** Panels per row before they wrap. */
const COLUMNS = 3;

/** Cell size budget: 34 px per label, from 140 to 360 px a panel. */
export function confusionPanelSize(labels: number): number {
  return Math.max(140, Math.min(360, 34 * labels));
}

/**
 * One heatmap per run (rows true, columns predicted, in the file's label order) with each cell's
 * count or share printed, so the static SVG reads without hovering. Normalised rows without
 * examples are left blank, never shown as 0 %.
 */
export function buildConfusionSpec(input: ConfusionChartInput): DatasetChart {
  const titles = new Set<string>();
  const rows: DatasetRow[] = [];
  for (const panel of input.panels) {
    if (titles.has(panel.title)) throw new RangeError(`buildConfusionSpec: panel ${panel.title} is given twice`);
    titles.add(panel.title);
    const shares = normalizeRows(panel.matrix);
    const max = Math.max(1, ...panel.matrix.flat());
    panel.labels.forEach((actual, i) =>
      panel.labels.forEach((predicted, j) => {
        const count = panel.matrix[i]![j]!;
        const share = shares[i]![j]!;
        const value = input.normalize ? share : count;
        rows.push({
          panel: panel.title,
          actual,
          predicted,
          count,
          share: share === null ? null : Math.round(share * 1e4) / 1e4,
          value: value === null ? null : input.normalize ? Math.round(value * 1e4) / 1e4 : value,
          text: value === null ? "" : input.normalize ? `${formatNumber(Math.round(value * 1000) / 10)}%` : String(count),
          // Dark cells get light text: the share of the colour scale's range the cell fills.
          dark: value !== null && (input.normalize ? value : count / max) > 0.55,
        });
      }),
    );
  }
  return { vegaLite: assembleSpec(input), datasets: { [CONFUSION_DATASET]: rows }, notes: [] };
}

function assembleSpec(input: ConfusionChartInput): TopLevelSpec {
  const labels = [...new Set(input.panels.flatMap((p) => p.labels))];
  const size = input.size ?? confusionPanelSize(labels.length);
  const valueTitle = input.normalize ? "share of true class" : "count";
  const tooltip = [
    { field: "panel", type: "nominal", title: "run" },
    { field: "actual", type: "nominal", title: "true" },
    { field: "predicted", type: "nominal", title: "predicted" },
    { field: "count", type: "quantitative", title: "count" },
    { field: "share", type: "quantitative", title: "share of true class", format: ".1%" },
  ];
  const axis = { labelLimit: 120, ticks: false, domain: false };
  const cell = {
    width: size,
    height: size,
    encoding: {
      x: { field: "predicted", type: "nominal", title: "predicted", sort: labels, axis: { ...axis, labelAngle: -40, orient: "bottom" } },
      y: { field: "actual", type: "nominal", title: "true", sort: labels, axis },
    },
    layer: [
      {
        mark: { type: "rect", stroke: "#ffffff", strokeWidth: 1 },
        encoding: {
          color: {
            field: "value",
            type: "quantitative",
            title: valueTitle,
            scale: { scheme: "blues", ...(input.normalize ? { domain: [0, 1] } : { zero: true }) },
            legend: input.normalize ? { format: ".0%" } : {},
          },
          tooltip,
        },
      },
      {
        mark: { type: "text", fontSize: labels.length > 8 ? 9 : 11 },
        encoding: {
          text: { field: "text", type: "nominal" },
          color: { condition: { test: "datum.dark", value: "#ffffff" }, value: "#1a1a1a" },
          tooltip,
        },
      },
    ],
  };
  const description = `Confusion matrix${input.normalize ? " (shares of each true class)" : ""} of ${input.panels.map((p) => p.title).join(", ")}`;
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    description,
    background: "transparent",
    data: { name: CONFUSION_DATASET },
    facet: { field: "panel", type: "nominal", title: null, sort: input.panels.map((p) => p.title), header: { labelFontSize: 12, labelLimit: 240 } },
    columns: Math.min(COLUMNS, input.panels.length),
    spec: cell,
    resolve: { axis: { x: "independent", y: "independent" } },
    config: BASE_CONFIG,
  };
  return spec as unknown as TopLevelSpec;
}
