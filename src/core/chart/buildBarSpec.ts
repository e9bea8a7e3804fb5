import type { TopLevelSpec } from "vega-lite";
import { vegaDomain } from "./usableDomain.ts";
import { formatNumber } from "../format/formatValue.ts";
import { BASE_CONFIG, baseSpec, plural, roundSignificant, type DatasetChart, type DatasetRow } from "./chartCommon.ts";

export interface BarInput {
  /** Run name or group label, e.g. `lr=3e-4`. */
  label: string;
  value: number;
  /** Error bar from `lower` to `upper` (e.g. mean ± stderr), drawn when both are finite. */
  lower?: number;
  upper?: number;
  /** Runs behind the bar (a group); shown in the label, `lr=3e-4 (n=3)`, and the tooltip. */
  n?: number;
  color: string;
}

export interface BarChartInput {
  id: string;
  /** Accessible description; defaults to `"<valueLabel> by run"`. */
  description?: string;
  valueLabel: string;
  /** Drawn top to bottom in the given order. */
  bars: BarInput[];
  width?: number;
  /** __Default value:__ 26 px per bar + 60, at least 120. */
  height?: number;
}

/** The dataset the bar spec reads: one row per bar. */
export const BARS_DATASET = "bars";

export const ERROR_BAR_COLOR = "#6b6b6b";

/** Bar height budget when the caller gives no height. */
export function barChartHeight(bars: number): number {
  return Math.max(MIN_BAR_CHART_HEIGHT, 26 * bars + 60);
}

/** Few bars still get a plot a phone shows ≥ 150 px tall; they stay bar-thick, centred in it. */
const MIN_BAR_CHART_HEIGHT = 340;
/** A bar's thickness when there is room to spare, and the height its axes take from the chart. */
const BAR_THICKNESS = 26;
const AXES_HEIGHT = 60;

/**
 * The bars' band padding in a chart `height` tall: bars ~26 px thick with room between them when
 * few share a tall plot (vega-lite allows outer padding up to one band), the usual padding otherwise.
 */
export function barBandPadding(bars: number, height: number): { paddingInner: number; paddingOuter: number } {
  const plot = height - AXES_HEIGHT;
  // band = plot·(1 − inner) / (bars + 2·outer − inner), solved for inner with outer = 1.
  const inner = (plot - BAR_THICKNESS * (bars + 2)) / (plot - BAR_THICKNESS);
  return inner > 0.25 ? { paddingInner: Math.min(0.8, Math.round(inner * 100) / 100), paddingOuter: 1 } : { paddingInner: 0.25, paddingOuter: 0.15 };
}

/**
 * Horizontal bar chart of one value per run or group, in the given order, with optional error
 * bars and the value printed at the end of each bar (so the static SVG reads without hovering).
 * A bar whose value is not finite is left out (a note); the same label twice is a `RangeError`.
 */
export function buildBarSpec(input: BarChartInput): DatasetChart {
  const notes: string[] = [];
  const rows: DatasetRow[] = [];
  const seen = new Set<string>();
  let missing = 0;
  for (const b of input.bars) {
    const label = barLabel(b);
    if (seen.has(label)) throw new RangeError(`buildBarSpec: bar ${label} is given twice`);
    seen.add(label);
    if (!Number.isFinite(b.value)) {
      missing++;
      continue;
    }
    const hasError = isFiniteNumber(b.lower) && isFiniteNumber(b.upper);
    rows.push({
      label,
      value: roundSignificant(b.value),
      valueText: formatNumber(b.value),
      lower: hasError ? roundSignificant(b.lower!) : null,
      upper: hasError ? roundSignificant(b.upper!) : null,
      range: hasError ? `${formatNumber(b.lower!)} – ${formatNumber(b.upper!)}` : null,
      n: isFiniteNumber(b.n) ? b.n : null,
      color: b.color,
    });
  }
  if (missing) notes.push(`${plural(missing, "bar")} without a finite ${input.valueLabel} not shown.`);
  return { vegaLite: assembleSpec(input, rows), datasets: { [BARS_DATASET]: rows }, notes };
}

/** `lr=3e-4 (n=3)` for a group, the plain label otherwise. */
export function barLabel(b: Pick<BarInput, "label" | "n">): string {
  return isFiniteNumber(b.n) ? `${b.label} (n=${b.n})` : b.label;
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

function assembleSpec(input: BarChartInput, rows: readonly DatasetRow[]): TopLevelSpec {
  const labels = rows.map((r) => r.label as string);
  const height = input.height ?? barChartHeight(rows.length);
  const hasError = rows.some((r) => r.lower !== null);
  const hasN = rows.some((r) => r.n !== null);
  const description = input.description ?? `${input.valueLabel} by run`;
  const tooltip = [
    { field: "label", type: "nominal", title: "run" },
    { field: "value", type: "quantitative", title: input.valueLabel, format: ",.6~g" },
    ...(hasError ? [{ field: "range", type: "nominal", title: "range" }] : []),
    ...(hasN ? [{ field: "n", type: "quantitative", title: "n" }] : []),
  ];
  const y = {
    field: "label",
    type: "nominal",
    title: null,
    // The given order; `sort: null` alone would follow the data, the explicit domain is the same
    // order and survives any transform.
    sort: null,
    scale: { domain: labels, ...barBandPadding(labels.length, height) },
    axis: { labelLimit: 240, ticks: false, domain: false },
  };
  // Bars start at zero; extreme values get a domain vega can draw (see `vegaDomain`).
  const domain = vegaDomain("linear", [0, ...rows.flatMap((r) => [r.value, r.lower, r.upper].filter((v): v is number => typeof v === "number"))]);
  // Labels that would touch are dropped (vega measures them): "0.000.05" never reads.
  const x = {
    field: "value",
    type: "quantitative",
    title: input.valueLabel,
    scale: domain ? { zero: true, domain, nice: false } : { zero: true },
    axis: { labelOverlap: "greedy", labelSeparation: 6 },
  };

  const spec = {
    ...baseSpec(description, input.width, height),
    data: { name: BARS_DATASET },
    encoding: { y },
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          x,
          color: { field: "label", type: "nominal", scale: { domain: labels, range: rows.map((r) => r.color) }, legend: null },
          tooltip,
        },
      },
      ...(hasError
        ? [
            {
              transform: [{ filter: { field: "lower", valid: true } }],
              mark: { type: "rule", color: ERROR_BAR_COLOR, strokeWidth: 1.5 },
              encoding: { x: { field: "lower", type: "quantitative" }, x2: { field: "upper" }, tooltip },
            },
          ]
        : []),
      {
        mark: { type: "text", align: "left", baseline: "middle", dx: 4, fontSize: 10 },
        encoding: {
          x: hasError
            ? { field: "textX", type: "quantitative" }
            : { field: "value", type: "quantitative" },
          text: { field: "valueText", type: "nominal" },
        },
        ...(hasError
          ? { transform: [{ calculate: "isValid(datum.upper) ? max(datum.upper, datum.value) : datum.value", as: "textX" }] }
          : {}),
      },
    ],
    config: BASE_CONFIG,
  };
  return spec as unknown as TopLevelSpec;
}
