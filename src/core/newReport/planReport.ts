/**
 * What a new report shows, decided from the runs alone: the run set, the metric, the chart, the
 * table's columns and the two runs to compare. Every field path and metric here is one the
 * selected runs have, so the report passes `runfolio check` as written.
 */
import { compareText } from "../format/compareText.ts";
import { fieldLabel, getField, parseExpression, selectRuns, type ExpressionError } from "../query/index.ts";
import type { Run } from "../run.ts";
import { chooseMetric, type Direction, type MetricChoice } from "./chooseMetric.ts";
import { expressionString } from "./yamlText.ts";
import { varyingConfigKeys } from "./varyingConfig.ts";

export interface ReportPlan {
  /** The front matter's `runs`: the given expression, the largest project's, or null (no runs). */
  runSet: string | null;
  /** Where `runSet` came from. */
  runSetFrom: "given" | "largest project" | "none";
  /** Every run loaded (for counts in messages). */
  allRuns: number;
  selected: Run[];
  metric: MetricChoice | null;
  /** `line` of a logged metric, `bar` of a summary-only one; null when neither is possible. */
  chart: { kind: "line" | "bar"; y: string } | null;
  table: {
    /** Column texts as `columns:` takes them (canonical field labels). */
    columns: string[];
    sort: string | null;
    highlight: { direction: Direction; column: string; guessed: boolean } | null;
  };
  /** Ids of the two best runs by the metric, best first; null with fewer than two. */
  compare: string[] | null;
}

export type PlanResult =
  | { ok: true; plan: ReportPlan }
  | { ok: false; kind: "badExpression"; expression: string; error: ExpressionError }
  | { ok: false; kind: "selectsNothing"; expression: string };

/**
 * Plan a report over `runs` (every run of the repository) and the `--runs` expression, if any.
 * With no runs at all, the plan is empty (the writer then writes guidance instead of blocks); an
 * expression that selects none of the runs there are is refused, as the report would not check.
 */
export function planReport(runs: readonly Run[], runSet: string | null): PlanResult {
  let selected: Run[];
  let from: ReportPlan["runSetFrom"];
  if (runSet !== null) {
    const parsed = parseExpression(runSet);
    if (!parsed.ok) return { ok: false, kind: "badExpression", expression: runSet, error: parsed.error };
    selected = selectRuns(runs, parsed.expr);
    if (selected.length === 0 && runs.length > 0) return { ok: false, kind: "selectsNothing", expression: runSet };
    from = "given";
  } else if (runs.length > 0) {
    const project = largestProject(runs);
    runSet = `project = ${expressionString(project)}`;
    selected = runs.filter((r) => r.project === project);
    from = "largest project";
  } else {
    selected = [];
    from = "none";
  }

  const metric = chooseMetric(selected);
  const metricColumn = metric ? fieldLabel({ root: "summary", keys: [metric.name] }) : null;
  const columns = ["name"];
  if (new Set(selected.map((r) => r.state)).size > 1) columns.push("state");
  columns.push(...varyingConfigKeys(selected).map(fieldLabel));
  if (metricColumn) columns.push(metricColumn);

  return {
    ok: true,
    plan: {
      runSet,
      runSetFrom: from,
      allRuns: runs.length,
      selected,
      metric,
      chart: metric ? chartOf(metric, metricColumn!, selected) : null,
      table: {
        columns,
        sort: metric ? `${metric.direction === "max" ? "-" : ""}${metricColumn}` : null,
        highlight: metric ? { direction: metric.direction, column: metricColumn!, guessed: !metric.directionKnown } : null,
      },
      compare: metric ? bestTwo(selected, metric) : null,
    },
  };
}

/** The project with the most runs; ties go to the first name in code-point order. */
function largestProject(runs: readonly Run[]): string {
  const counts = new Map<string, number>();
  for (const r of runs) counts.set(r.project, (counts.get(r.project) ?? 0) + 1);
  return [...counts].sort(([a, na], [b, nb]) => nb - na || compareText(a, b))[0]![0];
}

/**
 * A line chart when some run logs the metric's history (and has a finite value of it: a history
 * of only NaN draws nothing, which fails the build); else one bar per run of its summary value,
 * unless some run's value is text (a bar chart would leave it out, with a warning).
 */
function chartOf(metric: MetricChoice, column: string, runs: readonly Run[]): ReportPlan["chart"] {
  const drawable = (r: Run) => r.metrics.includes(metric.name) && Number.isFinite(r.summary[metric.name]);
  if (metric.withHistory > 0 && runs.some(drawable)) return { kind: "line", y: metric.name };
  const path = { root: "summary", keys: [metric.name] } as const;
  const allNumeric = runs.every((r) => {
    const v = getField(r, path);
    return v === undefined || v === null || typeof v === "number";
  });
  return allNumeric ? { kind: "bar", y: column } : null;
}

/** The two runs with the best finite value of the metric; ties by run id. */
function bestTwo(runs: readonly Run[], metric: MetricChoice): string[] | null {
  const scored = runs
    .map((r) => ({ id: r.id, value: r.summary[metric.name] }))
    .filter((s): s is { id: string; value: number } => typeof s.value === "number" && Number.isFinite(s.value))
    .sort((a, b) => (metric.direction === "min" ? a.value - b.value : b.value - a.value) || compareText(a.id, b.id));
  return scored.length >= 2 ? scored.slice(0, 2).map((s) => s.id) : null;
}
