/**
 * A grouped line chart's lines (one per group and metric: the runs' aggregate and band), computed
 * one run at a time so that a chart over ten thousand runs never holds their histories together:
 * a first pass reads each run and finds each group's common grid (`GridScan`), a second puts each
 * run on its group's grid (`GridAggregate`). Runs' prepared points are kept between the passes
 * while they fit in `KEEP_BYTES`; the rest are read again. Same lines, bit for bit, as aggregating
 * every member's series at once (docs/charts.md, "Grouped charts over many runs"). When the runs'
 * history facts show every group's grid (long runs, x in order), the first pass reads nothing
 * and each run is read once.
 */
import { compareText } from "../../format/compareText.ts";
import { formatNumber } from "../../format/formatValue.ts";
import type { History, Run } from "../../run.ts";
import type { ChartParts } from "../../blocks/blockTypes.ts";
import { GridAggregate, GridScan, DEFAULT_GRID_POINTS, type AggregatedSeries } from "../../series/aggregateStream.ts";
import { prepareRun, type PreparedRun } from "../../series/grid.ts";
import { exactPoints } from "../../series/exactPoints.ts";
import { seriesFromHistory, type XAxis } from "../../series/seriesFromHistory.ts";
import type { GroupAgg, GroupBand } from "../../stats/groupStats.ts";
import { seriesFactsOf, type HistoryFacts } from "../../series/historyFacts.ts";
import type { buildLineChart } from "../index.ts";
import { decodeGroupLine, encodeGroupLine, groupLineInputs } from "./groupLineParts.ts";
import { readInOrder } from "./readInOrder.ts";

export type LineSeries = Parameters<typeof buildLineChart>[0]["series"][number];

export type ChartProblem = { kind: "noTime"; runs: string[] } | { kind: "noPoints"; metric: string };

export interface LineGroup {
  label: string;
  keyOf: (run: Run) => string;
  /** Every key in display order (numbers ascending), which is also the legend order. */
  keys: readonly string[];
  colors: ReadonlyMap<string, string>;
  agg: GroupAgg;
  band: GroupBand;
}

export interface LineSeriesSource {
  runs: readonly Run[];
  metrics: readonly string[];
  x: XAxis;
  readHistory: (run: Run, metrics?: readonly string[]) => Promise<History>;
  /** A run's history facts (historyFacts.ts) without reading its columns; null when not known. Absent: every check reads. */
  readFacts?: (run: Run) => Promise<HistoryFacts | null>;
}

/** What drawing a chart needs from its runs' histories, whichever way they were gathered. */
export interface GatheredLines {
  /** The lines to draw (empty: nothing to draw). */
  series: LineSeries[];
  /** Notes from gathering them (where a group's n drops). */
  notes: string[];
  /** Per metric, how many runs do not log it. */
  missing: Map<string, number>;
  problems: ChartProblem[];
  /** Per run (request order): whether its history was read (it logs a metric of the chart). */
  read: boolean[];
  /** Every read history holds every logged point of the chart's columns exactly (see `exactPoints`); false when not asked. */
  exact: boolean;
}

/** Held prepared points between the two passes, at most (17 bytes a point). */
export const KEEP_BYTES = 64 * 1024 * 1024;

/** The y metrics and a metric on x: the columns a chart reads. */
export function chartColumns(req: Pick<LineSeriesSource, "metrics" | "x">): string[] {
  return req.x.kind === "metric" && !req.metrics.includes(req.x.metric) ? [...req.metrics, req.x.metric] : [...req.metrics];
}

/** Whether a history holds every logged point of the run's `columns` exactly. */
export function historyIsExact(run: Run, history: History, columns: readonly string[]): boolean {
  return columns.every((m) => !run.metrics.includes(m) || exactPoints(history, m) !== null);
}

interface Bucket {
  key: string;
  metric: string;
  members: number;
  scan: GridScan;
  out: GridAggregate | null;
  /** The line, when it came from the chart's parts (then none of its runs is read for it). */
  line: AggregatedSeries | null;
}

/** One run's part in the buckets: which bucket and row each of its series is, and its points if kept. */
interface RunPart {
  k: number;
  entries: { bucket: Bucket; row: number; metric: string }[];
  kept: PreparedRun[] | null;
}

/**
 * `parts`: keep each group's line as a part of the chart (groupLineParts.ts) and take the lines
 * whose group and runs did not change from there. Only when the facts give every grid before any
 * read (the one-pass case), since a part is looked up by its grid.
 */
export async function groupedLineSeries(req: LineSeriesSource, group: LineGroup, options: { keepBytes?: number; exactness?: boolean; gridPoints?: number; parts?: ChartParts } = {}): Promise<GatheredLines> {
  const keepBytes = options.keepBytes ?? KEEP_BYTES;
  const gridPoints = options.gridPoints ?? DEFAULT_GRID_POINTS;
  const columns = chartColumns(req);
  const missing = new Map<string, number>();
  const withoutTime: string[] = [];
  const drawnMetrics = new Set<string>();
  const read = req.runs.map(() => false);
  const buckets = new Map<string, Bucket>();
  const parts: RunPart[] = [];
  let exact = options.exactness ?? false;
  let kept = 0;

  const wantedOf = (run: Run) => req.metrics.filter((m) => run.metrics.includes(m));
  const toRead: number[] = [];
  for (const [k, run] of req.runs.entries()) {
    const wanted = wantedOf(run);
    for (const m of req.metrics) if (!wanted.includes(m)) missing.set(m, (missing.get(m) ?? 0) + 1);
    if (wanted.length) toRead.push(k);
  }

  const known = await factsScan(req, group, toRead, options.exactness ?? false, gridPoints);
  if (known) {
    for (const k of toRead) read[k] = true;
    known.buckets.forEach((b, id) => buckets.set(id, b));
    // One at a time: a spread of 100,000 arguments overflows the stack.
    for (const part of known.parts) parts.push(part);
    for (const name of known.withoutTime) withoutTime.push(name);
    known.drawn.forEach((m) => drawnMetrics.add(m));
    exact = known.exact;
  }

  // First pass (unless the facts gave it): each run's series, prepared, each group's grid.
  for await (const { k, history } of readInOrder(req, known ? [] : toRead, columns)) {
    const run = req.runs[k]!;
    read[k] = true;
    if (exact) exact = historyIsExact(run, history, columns);
    if ((req.x.kind === "time" || req.x.kind === "relative") && !history.time) {
      withoutTime.push(run.name);
      continue;
    }
    const part: RunPart = { k, entries: [], kept: [] };
    let bytes = 0;
    for (const metric of wantedOf(run)) {
      const points = seriesFromHistory(history, req.x, metric);
      if (!points || points.x.length === 0) continue;
      drawnMetrics.add(metric);
      const key = group.keyOf(run);
      const id = `${key}\u0000${metric}`;
      let bucket = buckets.get(id);
      if (!bucket) buckets.set(id, (bucket = { key, metric, members: 0, scan: new GridScan(gridPoints), out: null, line: null }));
      const prepared = prepareRun(points.x, points.y);
      bucket.scan.add(prepared);
      part.entries.push({ bucket, row: bucket.members++, metric });
      part.kept!.push(prepared);
      bytes += prepared.x.byteLength + prepared.y.byteLength + prepared.broken.byteLength;
    }
    if (!part.entries.length) continue;
    if (kept + bytes <= keepBytes) kept += bytes;
    else part.kept = null;
    parts.push(part);
  }

  const problems: ChartProblem[] = [];
  if (withoutTime.length) problems.push({ kind: "noTime", runs: withoutTime });
  for (const metric of req.metrics) if (!drawnMetrics.has(metric)) problems.push({ kind: "noPoints", metric });
  const gathered = { notes: [] as string[], missing, problems, read, exact };
  if (buckets.size === 0) return { ...gathered, series: [] };

  // Second pass: each run on its groups' grids, in run order (running sums need it).
  const grids = new Map<Bucket, Float64Array>();
  for (const bucket of buckets.values()) grids.set(bucket, bucket.scan.grid());
  const partInputs = known && options.parts ? groupPartInputs(req, group, parts, grids, gridPoints) : null;
  if (partInputs) {
    await Promise.all([...partInputs].map(async ([bucket, p]) => {
      const stored = await options.parts!.get(p.inputs, p.runs);
      bucket.line = stored ? decodeGroupLine(stored.meta, stored.sections, grids.get(bucket)!.length) : null;
    }));
  }
  for (const bucket of buckets.values()) {
    if (!bucket.line) bucket.out = new GridAggregate(grids.get(bucket)!, bucket.members, { agg: group.agg, band: group.band, gridPoints });
  }
  const place = (part: RunPart, prepared: readonly (PreparedRun | null)[]) => part.entries.forEach((e, i) => e.bucket.out?.set(e.row, prepared[i]!));
  const drawnAgain = (part: RunPart) => part.entries.some((e) => e.bucket.out);
  const again = parts.filter((p) => !p.kept && drawnAgain(p));
  const rereads = readInOrder(req, again.map((p) => p.k), columns);
  for (const part of parts) {
    if (part.kept) {
      place(part, part.kept);
      part.kept = null;
      continue;
    }
    if (!drawnAgain(part)) continue;
    const next = await rereads.next();
    if (next.done || next.value.k !== part.k) throw new Error("grouped line chart: runs read again out of order");
    const history = next.value.history;
    place(part, part.entries.map((e) => {
      if (!e.bucket.out) return null;
      const points = seriesFromHistory(history, req.x, e.metric)!;
      return prepareRun(points.x, points.y);
    }));
  }

  const series: LineSeries[] = [];
  const rank = (key: string) => group.keys.indexOf(key);
  const ordered = [...buckets.values()].sort((a, b) => rank(a.key) - rank(b.key) || compareText(a.metric, b.metric));
  for (const bucket of ordered) {
    const { key, metric, members, out } = bucket;
    const agg = bucket.line ?? out!.result();
    const p = partInputs?.get(bucket);
    if (p && !bucket.line) {
      const { meta, sections } = encodeGroupLine(agg);
      await options.parts!.set(p.inputs, p.runs, meta, sections);
    }
    const label = `${group.label}=${key} (n=${members})`;
    for (const i of agg.ended) {
      gathered.notes.push(`${label}${req.metrics.length > 1 ? ` ${metric}` : ""}: n drops from ${agg.count[i - 1]} to ${agg.count[i]} after x = ${formatNumber(agg.x[i - 1]!)}, the band narrows there.`);
    }
    series.push({
      runId: `group:${key}`,
      runName: label,
      metric,
      color: group.colors.get(key) ?? "#888888",
      x: agg.x,
      y: agg.center,
      ...(group.band !== "none" ? { band: { lower: agg.lower, upper: agg.upper } } : {}),
      count: agg.count,
      legendOrder: rank(key),
    });
  }
  return { ...gathered, series };
}

/** Each bucket's part inputs (groupLineParts.ts) and runs, in the order its rows were given. */
function groupPartInputs(req: LineSeriesSource, group: LineGroup, parts: readonly RunPart[], grids: ReadonlyMap<Bucket, Float64Array>, gridPoints: number) {
  const runsOf = new Map<Bucket, Run[]>();
  for (const part of parts) {
    for (const e of part.entries) {
      let runs = runsOf.get(e.bucket);
      if (!runs) runsOf.set(e.bucket, (runs = []));
      runs[e.row] = req.runs[part.k]!;
    }
  }
  const out = new Map<Bucket, { inputs: string; runs: Run[] }>();
  for (const [bucket, runs] of runsOf) {
    const inputs = groupLineInputs({ metric: bucket.metric, x: req.x, agg: group.agg, band: group.band, gridPoints, runIds: runs.map((r) => r.id), grid: grids.get(bucket)! });
    out.set(bucket, { inputs, runs });
  }
  return out;
}

/** How many runs' facts are asked for at once. */
const FACTS_AT_ONCE = 16;

/** The history facts of runs `ks` (indices into `req.runs`), in that order; null when any is not known. */
export async function factsOfRuns(req: LineSeriesSource, ks: readonly number[]): Promise<HistoryFacts[] | null> {
  if (!req.readFacts) return null;
  const facts: HistoryFacts[] = [];
  for (let i = 0; i < ks.length; i += FACTS_AT_ONCE) {
    for (const f of await Promise.all(ks.slice(i, i + FACTS_AT_ONCE).map((k) => req.readFacts!(req.runs[k]!)))) {
      if (!f) return null;
      facts.push(f);
    }
  }
  return facts;
}

/**
 * The first pass from the runs' history facts, without reading a column: each group's grid, each
 * run's place in it, and what the pass would have found (runs without time, metrics drawn,
 * exactness). Null when the facts cannot give it exactly: a run without facts, x another metric
 * or out of order, or a group whose grid is the union of short runs' x values (at most
 * `gridPoints` of them) when some run's are not every integer from its first x to its last
 * (those need their points; they are small, and the two passes keep them).
 */
async function factsScan(req: LineSeriesSource, group: LineGroup, toRead: readonly number[], exactness: boolean, gridPoints: number) {
  if (req.x.kind === "metric" || toRead.length === 0) return null;
  const facts = await factsOfRuns(req, toRead);
  if (!facts) return null;
  const needsTime = req.x.kind === "time" || req.x.kind === "relative";
  const buckets = new Map<string, Bucket>();
  const long = new Set<Bucket>();
  const unknownXs = new Set<Bucket>();
  const parts: RunPart[] = [];
  const withoutTime: string[] = [];
  const drawn = new Set<string>();
  let exact = exactness;
  for (const [i, k] of toRead.entries()) {
    const run = req.runs[k]!;
    const f = facts[i]!;
    if (exact) exact = req.metrics.every((m) => !run.metrics.includes(m) || (Object.hasOwn(f.metrics, m) && f.metrics[m]!.exact));
    if (needsTime && !f.time) {
      withoutTime.push(run.name);
      continue;
    }
    const part: RunPart = { k, entries: [], kept: null };
    for (const metric of req.metrics.filter((m) => run.metrics.includes(m))) {
      const series = seriesFactsOf(f, metric, req.x);
      if (!series) return null;
      if (series.points === 0) continue;
      if (!series.inOrder) return null;
      drawn.add(metric);
      const key = group.keyOf(run);
      const id = `${key}\u0000${metric}`;
      let bucket = buckets.get(id);
      if (!bucket) buckets.set(id, (bucket = { key, metric, members: 0, scan: new GridScan(gridPoints), out: null, line: null }));
      const { distinct, lo, hi, integer } = series.inOrder;
      if (distinct > gridPoints) long.add(bucket);
      // Every integer from lo to hi: the x values a short group's grid is the union of, known
      // (safe integers: beyond 2^53 not every integer has a double of its own).
      if (integer && Number.isSafeInteger(lo) && Number.isSafeInteger(hi) && hi - lo + 1 === distinct) bucket.scan.addIntegers(lo, hi);
      else {
        bucket.scan.addRange(lo, hi, integer);
        unknownXs.add(bucket);
      }
      part.entries.push({ bucket, row: bucket.members++, metric });
    }
    if (part.entries.length) parts.push(part);
  }
  // A short group's grid is the union of its runs' x values: those the facts do not give need the points.
  for (const bucket of unknownXs) if (!long.has(bucket)) return null;
  return { buckets, parts, withoutTime, drawn, exact };
}
