import type { TopLevelSpec } from "vega-lite";
import { compareNumbersThenText, compareText } from "../format/compareText.ts";
import { formatNumber, GAP } from "../format/formatValue.ts";
import {
  assertUniqueRuns,
  BASE_CONFIG,
  baseSpec,
  displayNames,
  identifier,
  INTERACTIVE_SUFFIX,
  MISSING_COLOR,
  plural,
  roundSignificant,
  SEQUENTIAL_RANGE,
  type DatasetChart,
  type DatasetRow,
} from "./chartCommon.ts";
import { logAxisTicks } from "./logAxis.ts";
import { vegaDomain } from "./usableDomain.ts";
import { formatNumberLevels } from "./numberLevels.ts";
import { RUN_PALETTE } from "./runColors.ts";
import { scaleLinear } from "d3-scale";

export interface ParallelDim {
  /** Field key, e.g. `config.lr` or `summary.val/loss`. */
  key: string;
  /** Axis label. */
  label: string;
  type: "quantitative" | "nominal";
  /** Log axis (quantitative only); values ≤ 0 become gaps (a note). */
  log?: boolean;
}

export interface ParallelRow {
  runId: string;
  name: string;
  /** Values by dim key; `null` or a missing key is a gap where the run's line breaks. */
  values: Record<string, number | string | null>;
}

export interface ParallelInput {
  id: string;
  /** Accessible description; defaults to `"Parallel coordinates of <n> runs over <dims>"`. */
  description?: string;
  /** Axes, left to right. */
  dims: ParallelDim[];
  rows: ParallelRow[];
  /**
   * Key whose value colours each run's line, usually the target metric (the last dim). A
   * quantitative dim (or a key whose values are all numbers) gets the sequential ramp, on a log
   * scale when the dim is log; otherwise categorical colours. Need not be one of `dims`.
   */
  colorKey: string;
  width?: number;
  height?: number;
}

/** One row per (run, dim): the run's normalised position on that axis. */
export const PARALLEL_LINES_DATASET = "lines";
/** One row per axis: its position and label (`dim`). */
export const PARALLEL_AXES_DATASET = "axes";
/** One row per axis label: min, max and round values between of a quantitative axis, each category of a nominal one. */
export const PARALLEL_TICKS_DATASET = "ticks";

export const AXIS_RULE_COLOR = "#8a8a8a";

interface DimScale {
  dim: ParallelDim;
  /** Unique axis label (the key is appended when two dims share a label). */
  label: string;
  /** Value → position in [0, 1], or null when the value cannot be placed. */
  position: (v: number | string | null | undefined) => number | null;
  ticks: { y: number; text: string }[];
}

/**
 * Parallel coordinates (the sweep view): an axis per dim, one polyline per run across them.
 * Normalisation is done here, not by vega transforms, so the axis labels (each axis' real min and
 * max) come from the same numbers as the lines, and the shipped rows are already placed:
 * - a quantitative dim maps [min, max] of its finite values (log10 of its positive values on a log
 *   dim) linearly onto [0, 1]; a constant dim sits at 0.5;
 * - a nominal dim places its sorted categories (numbers numerically, then strings by code unit)
 *   evenly from 0 to 1 (a single category at 0.5).
 * A run without a value for a dim (missing, `null`, a string on a quantitative axis, ≤ 0 on a log
 * axis) has a gap there: its line breaks at that axis (`notes` says how many runs per dim).
 */
export function buildParallelSpec(input: ParallelInput): DatasetChart {
  if (input.dims.length === 0) throw new RangeError("buildParallelSpec: no dims");
  const keys = new Set<string>();
  for (const d of input.dims) {
    if (keys.has(d.key)) throw new RangeError(`buildParallelSpec: dim ${d.key} is given twice`);
    keys.add(d.key);
  }
  assertUniqueRuns(input.rows, "buildParallelSpec");
  const notes: string[] = [];
  const names = displayNames(input.rows);
  const runs = [...input.rows].sort(
    (a, b) => compareText(names.get(a.runId)!, names.get(b.runId)!) || compareText(a.runId, b.runId),
  );
  const labels = uniqueLabels(input.dims);
  const scales = input.dims.map((dim, i) => dimScale(dim, labels[i]!, runs.map((r) => r.values[dim.key])));

  const color = colorScale(input, runs);
  const lines: DatasetRow[] = [];
  const gaps = new Array<number>(scales.length).fill(0);
  let seg = -1;
  for (const r of runs) {
    const raw: DatasetRow = {};
    scales.forEach((s, i) => (raw[`v${i}`] = rawText(r.values[s.dim.key])));
    const c = color.value(r.values[input.colorKey]);
    let open = false;
    scales.forEach((s, i) => {
      const y = s.position(r.values[s.dim.key]);
      if (y === null) {
        gaps[i]!++;
        open = false;
        return;
      }
      if (!open) {
        seg++;
        open = true;
      }
      lines.push({ run: r.runId, name: names.get(r.runId)!, seg, i, dim: s.label, y, c, ...raw });
    });
  }
  scales.forEach((s, i) => {
    if (gaps[i]) notes.push(`${plural(gaps[i]!, "run")} without a ${s.dim.type === "quantitative" && s.dim.log ? "positive " : ""}value of ${s.label}: ${gaps[i] === 1 ? "its line breaks" : "their lines break"} at that axis.`);
  });
  if (color.missing) notes.push(`${plural(color.missing, "run")} without ${color.title} drawn grey.`);

  const axes: DatasetRow[] = scales.map((s, i) => ({ i, dim: s.label }));
  const ticks: DatasetRow[] = scales.flatMap((s, i) => s.ticks.map((t) => ({ i, dim: s.label, y: t.y, text: t.text })));
  const vegaLite = assembleSpec(input, scales, color);
  return {
    vegaLite,
    datasets: { [PARALLEL_AXES_DATASET]: axes, [PARALLEL_LINES_DATASET]: lines, [PARALLEL_TICKS_DATASET]: ticks },
    notes,
  };
}

function uniqueLabels(dims: readonly ParallelDim[]): string[] {
  const count = new Map<string, number>();
  for (const d of dims) count.set(d.label, (count.get(d.label) ?? 0) + 1);
  return dims.map((d) => (count.get(d.label)! > 1 ? `${d.label} (${d.key})` : d.label));
}

function rawText(v: number | string | null | undefined): string {
  if (v === null || v === undefined) return GAP;
  return typeof v === "number" ? formatNumber(v) : v;
}

function round(v: number): number {
  return Number(v.toPrecision(6));
}

function dimScale(dim: ParallelDim, label: string, values: readonly (number | string | null | undefined)[]): DimScale {
  if (dim.type === "nominal") {
    const cats = new Map<string, number | string>();
    for (const v of values) if (v !== null && v !== undefined && (typeof v === "string" || Number.isFinite(v))) cats.set(categoryKey(v), v);
    const sorted = [...cats.values()].sort(compareNumbersThenText);
    const pos = new Map<string, number>();
    sorted.forEach((c, i) => pos.set(categoryKey(c), sorted.length === 1 ? 0.5 : round(i / (sorted.length - 1))));
    return {
      dim,
      label,
      position: (v) => (v === null || v === undefined ? null : (pos.get(categoryKey(v)) ?? null)),
      ticks: sorted.map((c) => ({ y: pos.get(categoryKey(c))!, text: rawText(c) })),
    };
  }
  const log = dim.log === true;
  const t = (v: number) => (log ? Math.log10(v) : v);
  const ok = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && (!log || v > 0);
  const finite = values.filter(ok);
  if (finite.length === 0) return { dim, label, position: () => null, ticks: [] };
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const lo = t(min);
  const span = t(max) - lo;
  return {
    dim,
    label,
    position: (v) => (ok(v) ? (span > 0 ? round((t(v) - lo) / span) : 0.5) : null),
    ticks: span > 0 ? axisTicks(min, max, log, (v) => round((t(v) - lo) / span)) : [{ y: 0.5, text: formatNumber(min) }],
  };
}

/** Least distance, in axis fractions, between an inner tick's label and an end label. */
const TICK_CLEARANCE = 0.09;

/**
 * Labels of a quantitative axis: its real min and max at the ends, and between them round values
 * (d3's ticks, or decades on a log axis) that keep clear of the ends so no two labels collide;
 * all in one notation.
 */
function axisTicks(min: number, max: number, log: boolean, at: (v: number) => number): { y: number; text: string }[] {
  // Round values only where d3 can step: not across subnormals or the edge of the number range.
  const steppable = vegaDomain("linear", [min, max]) === null;
  const inner = (log ? (logAxisTicks([min, max])?.values ?? []) : steppable ? scaleLinear().domain([min, max]).ticks(4) : []).filter((v) => {
    const y = at(v);
    return y > TICK_CLEARANCE && y < 1 - TICK_CLEARANCE;
  });
  const text = formatNumberLevels([min, ...inner, max]);
  return [{ y: 0, text: text.get(min)! }, ...inner.map((v) => ({ y: at(v), text: text.get(v)! })), { y: 1, text: text.get(max)! }];
}

function categoryKey(v: number | string): string {
  return typeof v === "number" ? `n:${v}` : `s:${v}`;
}

interface ColorScale {
  title: string;
  quantitative: boolean;
  log: boolean;
  categories: string[];
  missing: number;
  value: (v: number | string | null | undefined) => number | string | null;
}

function colorScale(input: ParallelInput, runs: readonly ParallelRow[]): ColorScale {
  const dim = input.dims.find((d) => d.key === input.colorKey);
  const title = dim ? uniqueLabels(input.dims)[input.dims.indexOf(dim)]! : input.colorKey;
  const values = runs.map((r) => r.values[input.colorKey]);
  const present = values.filter((v) => v !== null && v !== undefined);
  const quantitative = dim ? dim.type === "quantitative" : present.every((v) => typeof v === "number");
  const log = quantitative && dim?.log === true;
  const value = (v: number | string | null | undefined): number | string | null => {
    if (v === null || v === undefined) return null;
    if (quantitative) return typeof v === "number" && Number.isFinite(v) && (!log || v > 0) ? roundSignificant(v) : null;
    return typeof v === "number" ? (Number.isFinite(v) ? rawText(v) : null) : v;
  };
  const mapped = values.map(value);
  const categories = quantitative
    ? []
    : [...new Set(mapped.filter((c): c is string => typeof c === "string"))].sort(compareText);
  return { title, quantitative, log, categories, missing: mapped.filter((c) => c === null).length, value };
}

function assembleSpec(input: ParallelInput, scales: readonly DimScale[], color: ColorScale): TopLevelSpec {
  const domain = scales.map((s) => s.label);
  const description =
    input.description ?? `Parallel coordinates of ${plural(input.rows.length, "run")} over ${domain.join(", ")}`;
  const x = {
    field: "dim",
    type: "nominal",
    title: null,
    scale: { type: "point", domain, padding: 0.15 },
    // Dim names above the axes: each axis' min label sits at its foot, where bottom labels would collide.
    axis: { orient: "top", labelAngle: 0, labelLimit: 140, ticks: false, domain: false, grid: false, labelPadding: 10, labelFontWeight: "bold" },
  };
  const y = { field: "y", type: "quantitative", scale: { domain: [0, 1], nice: false, zero: false }, axis: null };
  const colorEnc = color.quantitative
    ? {
        field: "c",
        type: "quantitative",
        title: color.title,
        scale: { type: color.log ? "log" : "linear", range: [...SEQUENTIAL_RANGE], interpolate: "hcl", zero: false },
        legend: { orient: "right", format: ",.4~g" },
      }
    : {
        condition: { test: "datum.c === null", value: MISSING_COLOR },
        field: "c",
        type: "nominal",
        title: color.title,
        scale: { domain: color.categories, range: color.categories.map((_, i) => RUN_PALETTE[i % RUN_PALETTE.length]!) },
        legend: { orient: "right", labelLimit: 220 },
      };
  const tooltip = [
    { field: "name", type: "nominal", title: "run" },
    ...scales.map((s, i) => ({ field: `v${i}`, type: "nominal", title: s.label })),
  ];

  const spec = {
    ...baseSpec(description, input.width, input.height),
    encoding: { x },
    layer: [
      {
        data: { name: PARALLEL_AXES_DATASET },
        mark: { type: "rule", color: AXIS_RULE_COLOR, strokeWidth: 1 },
        encoding: { y: { datum: 0, type: "quantitative", scale: y.scale, axis: null }, y2: { datum: 1 } },
      },
      {
        data: { name: PARALLEL_LINES_DATASET },
        // One path per segment (`seg`: a run's consecutive axes with a value), so a line breaks at
        // an axis the run has no value for; the dataset has no gap rows, hence no invalid y, and
        // "show" keeps a run with a missing colour value (grey, from `config.scale.invalid`).
        mark: { type: "line", strokeWidth: 1.5, opacity: 0.8, invalid: "show" },
        encoding: {
          y,
          stroke: colorEnc,
          detail: { field: "seg", type: "nominal" },
          order: { field: "i", type: "quantitative" },
          tooltip,
          // The line's ARIA label: the run (vega-lite's default lists every field of one row).
          description: { field: "name", type: "nominal" },
        },
      },
      {
        data: { name: PARALLEL_LINES_DATASET },
        // Vertices: a run with one value between two gaps is only a dot.
        // Stroked, not filled: the lines and the dots share the one `stroke` scale, and a legend
        // of stroke alone is a gradient (stroke + fill would make vega draw symbols).
        // No per-dot ARIA label: the lines carry them, and a label per (run, dim) listing every
        // raw value would be most of the SVG's bytes.
        mark: { type: "point", shape: "circle", filled: false, size: 10, strokeWidth: 2.5, opacity: 0.9, invalid: "show", aria: false },
        encoding: { y, stroke: colorEnc },
      },
      {
        // Hover targets: vega shows a line's tooltip only within a stroke width of a vertex, so
        // each vertex gets a larger invisible circle with the run's tooltip (browser only: layers
        // named `*__interactive` are left out of the static SVG).
        name: `${identifier(input.id)}_vertices${INTERACTIVE_SUFFIX}`,
        data: { name: PARALLEL_LINES_DATASET },
        mark: { type: "circle", size: 160, opacity: 0, aria: false },
        encoding: { y, tooltip },
      },
      {
        data: { name: PARALLEL_TICKS_DATASET },
        mark: { type: "tick", orient: "horizontal", color: AXIS_RULE_COLOR, size: 6, thickness: 1, aria: false },
        encoding: { y: { field: "y", type: "quantitative", scale: y.scale, axis: null } },
      },
      {
        data: { name: PARALLEL_TICKS_DATASET },
        mark: { type: "text", align: "left", baseline: "middle", dx: 5, fontSize: 10 },
        encoding: {
          y: { field: "y", type: "quantitative", scale: y.scale, axis: null },
          text: { field: "text", type: "nominal" },
        },
      },
    ],
    config: { ...BASE_CONFIG, scale: { invalid: { stroke: { value: MISSING_COLOR } } } },
  };
  return spec as unknown as TopLevelSpec;
}
