/**
 * A planned report as markdown text. Same plan and date, same bytes: nothing here reads the clock
 * or depends on object key order. Values from run data only ever appear inside YAML (quoted by
 * `yamlScalar` as needed), never in prose, headings or HTML comments, where they could break out.
 */
import type { ReportPlan } from "./planReport.ts";
import { yamlScalar } from "./yamlText.ts";

export interface ReportText {
  title: string;
  /** `YYYY-MM-DD`. */
  date: string;
  plan: ReportPlan;
}

const INTRO = [
  "What question do these runs answer, and what did you find? Replace this paragraph with the",
  "setup, the result and what to try next.",
];

export function writeReport({ title, date, plan }: ReportText): string {
  const out: string[] = ["---", `title: ${yamlScalar(title)}`, `date: ${yamlScalar(date)}`];
  if (plan.runSet !== null) out.push(`runs: ${yamlScalar(plan.runSet)}`);
  else out.push(`# runs: project = "my-project"   # the run set every block shows unless it sets its own`);
  out.push("# description: one line for report lists and link previews", "---", "");
  if (plan.selected.length === 0) {
    out.push(...INTRO, "", ...guidanceWithoutRuns());
    return `${out.join("\n")}\n`;
  }
  out.push(
    `<!-- Written by \`runfolio new\` from ${plan.selected.length} run${plan.selected.length === 1 ? "" : "s"}: a starting point to edit freely.`,
    "     Block keys: docs/blocks.md. Run-set expressions: docs/expressions.md. -->",
    "",
    ...INTRO,
    "",
  );
  out.push(...chartSection(plan), ...tableSection(plan), ...compareSection(plan));
  return `${out.join("\n").replace(/\n+$/, "")}\n`;
}

function fence(lang: string, yamlLines: string[]): string[] {
  return ["```" + lang, ...yamlLines, "```", ""];
}

function chartSection(plan: ReportPlan): string[] {
  if (!plan.chart) {
    return [
      "<!-- No selected run has a numeric metric yet, so there is no chart: add a chart block when",
      "     they log one (docs/blocks.md). -->",
      "",
    ];
  }
  const body = plan.chart.kind === "line" ? [`y: ${yamlScalar(plan.chart.y)}`] : ["kind: bar", `y: ${yamlScalar(plan.chart.y)}`];
  return [plan.chart.kind === "line" ? "## Learning curve" : "## By run", "", ...fence("chart", body)];
}

function tableSection(plan: ReportPlan): string[] {
  const { columns, sort, highlight } = plan.table;
  const body = ["columns:", ...columns.map((c) => `  - ${yamlScalar(c)}`)];
  if (highlight?.guessed) body.push("# the metric's name does not say whether lower or higher is better: lower is assumed;", "# if higher is, write `max:` below and put `-` before the sort field");
  if (sort !== null) body.push(`sort: ${yamlScalar(sort)}`);
  if (highlight) body.push("highlight:", `  ${highlight.direction}: ${yamlScalar(highlight.column)}`);
  return ["## Runs", "", ...fence("runs", body)];
}

function compareSection(plan: ReportPlan): string[] {
  if (!plan.compare) return [];
  const ids = plan.compare.map((id) => JSON.stringify(id)).join(", ");
  return ["## The two best runs", "", ...fence("compare", [`runs: ${yamlScalar(`id in [${ids}]`)}`])];
}

/** With no runs, blocks would fail the build (a run set selecting nothing): show them in a comment. */
function guidanceWithoutRuns(): string[] {
  return [
    "<!--",
    "There are no runs under runs/ yet, so this report has no chart or table: a block whose run set",
    "selects nothing fails the build. Add runs (`npx runfolio import <path>`, python/runfolio.py, or",
    "the format of docs/run-format.md), then move these blocks out of this comment and set the",
    "metric and the fields to ones your runs have (block keys: docs/blocks.md):",
    "",
    "```chart",
    "y: val/loss",
    "```",
    "",
    "```runs",
    "columns: [name, state, created, config.*, summary.*]",
    "sort: -created",
    "```",
    "-->",
  ];
}
