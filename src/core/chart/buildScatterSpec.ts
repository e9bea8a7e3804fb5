import type { TopLevelSpec } from "vega-lite";
import { compareText } from "../format/compareText.ts";
import {
  assertUniqueRuns,
  BASE_CONFIG,
  baseSpec,
  displayNames,
  MISSING_COLOR,
  plural,
  roundSignificant,
  SEQUENTIAL_RANGE,
  type DatasetChart,
  type DatasetRow,
} from "./chartCommon.ts";
import { logAxisTicks } from "./logAxis.ts";
import { vegaDomain } from "./usableDomain.ts";
import { RUN_PALETTE } from "./runColors.ts";

export type AxisScale = "linear" | "log";

export interface ScatterPointInput {
  runId: string;
  name: string;
  /** The run's colour (from `runColors`), used when no `colorLegend` is given. */
  color: string;
  x: number;
  y: number;
  /** Value of the colour field; `null`/missing is drawn grey. Used only with `colorLegend`. */
  colorValue?: number | string | null;
  /** Value of the size field; `null`/missing is drawn at the smallest size. Used only with `sizeLegend`. */
  sizeValue?: number | null;
}

export interface ScatterInput {
  id: string;
  /** Accessible description; defaults to `"<yLabel> vs. <xLabel>"`. */
  description?: string;
  xLabel: string;
  yLabel: string;
  scale: { x: AxisScale; y: AxisScale };
  points: ScatterPointInput[];
  /**
   * Colour by `colorValue`: a sequential ramp for numbers, categorical colours for strings. With
   * `levels` (discrete numbers, written as text), categories take that order instead of sorted text.
   */
  colorLegend?: { label: string; type: "quantitative" | "nominal"; levels?: readonly string[] };
  /** Size by `sizeValue`. */
  sizeLegend?: { label: string };
  width?: number;
  height?: number;
}

/** The dataset the scatter spec reads: one row per drawn point. */
export const SCATTER_DATASET = "points";

/** Above this many runs the run-colour legend is left out (the tooltip names the run). */
export const MAX_RUN_LEGEND = 20;

/**
 * Scatter plot of one point per run (e.g. final loss vs. learning rate). Points are sorted by
 * display name; points with a non-finite coordinate, or a coordinate ≤ 0 on a log axis, are left
 * out and counted in `notes`.
 */
export function buildScatterSpec(input: ScatterInput): DatasetChart {
  assertUniqueRuns(input.points, "buildScatterSpec");
  const notes: string[] = [];
  const names = displayNames(input.points);
  const xLog = input.scale.x === "log";
  const yLog = input.scale.y === "log";
  const colorBy = input.colorLegend;
  const sizeBy = input.sizeLegend;

  const rows: DatasetRow[] = [];
  let nonFinite = 0;
  let hiddenX = 0;
  let hiddenY = 0;
  let colorMissing = 0;
  const sorted = [...input.points].sort(
    (a, b) => compareText(names.get(a.runId)!, names.get(b.runId)!) || compareText(a.runId, b.runId),
  );
  for (const p of sorted) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) {
      nonFinite++;
      continue;
    }
    if (xLog && p.x <= 0) {
      hiddenX++;
      continue;
    }
    if (yLog && p.y <= 0) {
      hiddenY++;
      continue;
    }
    const row: DatasetRow = { run: p.runId, name: names.get(p.runId)!, x: roundSignificant(p.x), y: roundSignificant(p.y) };
    if (colorBy) {
      const c = normaliseColorValue(p.colorValue, colorBy.type);
      if (c === null) colorMissing++;
      row.c = c;
    }
    if (sizeBy) row.s = typeof p.sizeValue === "number" && Number.isFinite(p.sizeValue) ? roundSignificant(p.sizeValue) : null;
    rows.push(row);
  }
  if (nonFinite) notes.push(`${plural(nonFinite, "run")} without a finite ${input.xLabel} and ${input.yLabel} not shown.`);
  if (hiddenX) notes.push(`${plural(hiddenX, "run")} with ${input.xLabel} ≤ 0 not shown on the log x axis.`);
  if (hiddenY) notes.push(`${plural(hiddenY, "run")} with ${input.yLabel} ≤ 0 not shown on the log y axis.`);
  if (colorBy && colorMissing) notes.push(`${plural(colorMissing, "run")} without ${colorBy.label} drawn grey.`);

  const shown = new Set(rows.map((r) => r.run as string));
  const runsShown = sorted.filter((p) => shown.has(p.runId));
  return { vegaLite: assembleSpec(input, rows, runsShown, names), datasets: { [SCATTER_DATASET]: rows }, notes };
}

function normaliseColorValue(v: number | string | null | undefined, type: "quantitative" | "nominal"): number | string | null {
  if (v === null || v === undefined) return null;
  if (type === "quantitative") return typeof v === "number" && Number.isFinite(v) ? roundSignificant(v) : null;
  return typeof v === "number" ? (Number.isFinite(v) ? String(roundSignificant(v)) : null) : v;
}

/** Scale, and on a log axis the ticks: every decade labelled (`logAxisTicks`). */
function axisOf(log: boolean, values: readonly number[]) {
  const ticks = log ? logAxisTicks(values) : null;
  return { scale: axisScale(log, values), ...(ticks ? { axis: { values: ticks.values, format: ticks.format } } : {}) };
}

function axisScale(log: boolean, values: readonly number[]) {
  // Extreme, single or missing values get a domain vega can draw (see `vegaDomain`), as it is.
  const domain = vegaDomain(log ? "log" : "linear", values);
  // Padding would widen the domain past the largest number: the given domain already has room.
  const fixed = domain ? { domain, nice: false, padding: 0 } : {};
  // A "nice" log domain rounds out to whole decades and squeezes the points into a corner.
  return log ? { type: "log" as const, nice: false, padding: 8, ...fixed } : { type: "linear" as const, zero: false, padding: 8, ...fixed };
}

function assembleSpec(
  input: ScatterInput,
  rows: readonly DatasetRow[],
  runs: readonly ScatterPointInput[],
  names: ReadonlyMap<string, string>,
): TopLevelSpec {
  const colorBy = input.colorLegend;
  const sizeBy = input.sizeLegend;
  const description = input.description ?? `${input.yLabel} vs. ${input.xLabel}`;

  let color: object;
  if (!colorBy) {
    color = {
      field: "name",
      type: "nominal",
      title: "run",
      scale: { domain: runs.map((p) => names.get(p.runId)!), range: runs.map((p) => p.color) },
      legend: runs.length <= MAX_RUN_LEGEND ? { orient: "right", labelLimit: 220 } : null,
    };
  } else if (colorBy.type === "quantitative") {
    color = {
      field: "c",
      type: "quantitative",
      title: colorBy.label,
      scale: { type: "linear", range: [...SEQUENTIAL_RANGE], interpolate: "hcl", zero: false },
      legend: { orient: "right", format: ",.4~g" },
    };
  } else {
    const present = new Set(rows.map((r) => r.c).filter((c): c is string => typeof c === "string"));
    const categories = colorBy.levels ? colorBy.levels.filter((l) => present.has(l)) : [...present].sort(compareText);
    color = {
      field: "c",
      type: "nominal",
      title: colorBy.label,
      scale: {
        domain: categories,
        range: categories.map((_, i) => RUN_PALETTE[i % RUN_PALETTE.length]!),
      },
      legend: { orient: "right", labelLimit: 220 },
    };
  }
  // Grey for a missing colour value; a missing size draws at the smallest size (scale invalid output).
  const colorEncoding =
    colorBy?.type === "nominal" ? { condition: { test: "datum.c === null", value: MISSING_COLOR }, ...color } : color;

  const tooltip = [
    { field: "name", type: "nominal", title: "run" },
    { field: "x", type: "quantitative", title: input.xLabel, format: ",.6~g" },
    { field: "y", type: "quantitative", title: input.yLabel, format: ",.6~g" },
    ...(colorBy
      ? [colorBy.type === "quantitative"
          ? { field: "c", type: "quantitative", title: colorBy.label, format: ",.6~g" }
          : { field: "c", type: "nominal", title: colorBy.label }]
      : []),
    ...(sizeBy ? [{ field: "s", type: "quantitative", title: sizeBy.label, format: ",.6~g" }] : []),
  ];

  const spec = {
    ...baseSpec(description, input.width, input.height),
    data: { name: SCATTER_DATASET },
    // "show": rows with a missing colour or size value stay (x and y are always valid here); the
    // scale's invalid output draws them grey / smallest.
    mark: { type: "circle", invalid: "show", opacity: 0.85, stroke: "#ffffff", strokeWidth: 0.5, ...(sizeBy ? {} : { size: 70 }) },
    encoding: {
      x: { field: "x", type: "quantitative", title: input.xLabel, ...axisOf(input.scale.x === "log", rows.map((r) => r.x as number)) },
      y: { field: "y", type: "quantitative", title: input.yLabel, ...axisOf(input.scale.y === "log", rows.map((r) => r.y as number)) },
      color: colorEncoding,
      ...(sizeBy
        ? {
            size: {
              field: "s",
              type: "quantitative",
              title: sizeBy.label,
              scale: { type: "linear", zero: false, range: [30, 400] },
              legend: { orient: "right", format: ",.4~g" },
            },
          }
        : {}),
      tooltip,
    },
    config: { ...BASE_CONFIG, scale: { invalid: { color: { value: MISSING_COLOR }, size: { value: 30 } } } },
  };
  return spec as unknown as TopLevelSpec;
}
