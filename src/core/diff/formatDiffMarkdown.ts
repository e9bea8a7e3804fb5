/**
 * A diff as GitHub markdown for a pull-request comment: a summary line, then one collapsible
 * section per kind of change with a table. Kept under GitHub's comment limit (65,536 characters):
 * rows are added in order of importance (reports, changed, added, removed runs) while they fit,
 * and what is left out is counted in a note at the end. Every run id and value is user text, put
 * in code spans (no markdown, links, mentions or HTML in it) with table pipes escaped.
 */
import type { ChangedRun, ReportChange, Resemblance, SnapshotDiff } from "./diffSnapshots.ts";
import { deltaText, plural, problemsLine, summaryLine, valueText, type RevisionLabels } from "./diffWords.ts";
import { systemMetricLabel } from "./systemChanges.ts";

/** The hidden line a comment is found by, so one comment is updated instead of a new one posted. */
export const DIFF_MARKER = "<!-- runfolio-diff -->";
/** GitHub rejects a comment body longer than this. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** Room kept for the closing note and the link the comment step adds. */
const RESERVE = 2_000;
/** Values longer than this are clipped in a table cell. */
const MAX_CELL = 120;
/** Room kept for each later section while an earlier one fills, so every kind of change shows some. */
const SECTION_SHARE = 3_000;
/** Rows shown for one changed run before the rest is counted. */
const MAX_ROWS_PER_RUN = 25;

export interface MarkdownOptions {
  /** Longest body allowed. __Default:__ 65,536 (GitHub's comment limit). */
  limit?: number;
  /** PNG charts written beside the markdown (`diffChartSpecs`), referenced by relative path. */
  charts?: DiffChartFiles;
}

export interface DiffChartFiles {
  files: { path: string; runId: string; metric: string; kind: "changed" | "added" }[];
  /** Charts not drawn because of `MAX_DIFF_CHARTS`. */
  leftOut: number;
}

/** Around the charts' table: `runfolio comment` swaps the images (local files) for their names. */
export const CHARTS_START = "<!-- runfolio-charts -->";
export const CHARTS_END = "<!-- /runfolio-charts -->";

/** The charts section: a table that reads without its images (run, metric, what is compared). */
export function chartsSection(charts: DiffChartFiles): string {
  const rows = charts.files.map((c) =>
    tableRow([codeCell(c.runId), codeCell(c.metric), c.kind === "changed" ? "base → head" : "new run over the runs it is compared with", `![${c.path.split("/").pop()!.replace(/[^A-Za-z0-9._-]/g, "_")}](${encodeURI(c.path)})`]),
  );
  const more = charts.leftOut ? `\n\n${plural(charts.leftOut, "more chart")} not drawn.` : "";
  return (
    `<details open><summary><b>Charts</b> (${charts.files.length.toLocaleString("en-US")}): base dashed, head solid</summary>\n\n${CHARTS_START}\n\n` +
    `${tableRow(["run", "metric", "compared", "chart"])}\n${tableRow(["---", "---", "---", "---"])}\n${rows.join("\n")}${more}\n\n${CHARTS_END}\n\n</details>`
  );
}

/** User text as an inline code span for a table cell: one line, clipped, pipes escaped. */
export function codeCell(text: string): string {
  let s = text.replace(/[\r\n\t]+/g, " ");
  if (s.length > MAX_CELL) s = `${s.slice(0, MAX_CELL - 1)}…`;
  if (s === "") return "";
  const longest = Math.max(0, ...[...s.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = s.startsWith("`") || s.endsWith("`") ? " " : "";
  return `${fence}${pad}${s}${pad}${fence}`.replace(/\|/g, "\\|");
}

const tableRow = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;

function changedRows(c: ChangedRun): string[] {
  const rows: string[] = [];
  const first = () => (rows.length === 0 ? codeCell(c.id) : "");
  for (const f of c.fields) rows.push(tableRow([first(), f.key, codeCell(valueText(f.key, f.base)), codeCell(valueText(f.key, f.head)), ""]));
  for (const f of c.config) rows.push(tableRow([first(), codeCell(`config.${f.key}`), codeCell(valueText(f.key, f.base)), codeCell(valueText(f.key, f.head)), ""]));
  for (const m of c.summary) rows.push(tableRow([first(), codeCell(`summary.${m.metric}`), codeCell(valueText(m.metric, m.base)), codeCell(valueText(m.metric, m.head)), deltaText(m)]));
  for (const m of c.system) rows.push(tableRow([first(), codeCell(systemMetricLabel(m.metric)), codeCell(valueText(m.metric, m.base)), codeCell(valueText(m.metric, m.head)), deltaText(m)]));
  if (c.filesOnly) rows.push(tableRow([first(), "files", "", "", "changed; config, summary and metadata the same"]));
  if (rows.length > MAX_ROWS_PER_RUN) {
    const more = rows.length - (MAX_ROWS_PER_RUN - 1);
    return [...rows.slice(0, MAX_ROWS_PER_RUN - 1), tableRow(["", `… ${plural(more, "more change")}`, "", "", ""])];
  }
  return rows;
}

function addedRows(a: Resemblance): string[] {
  if (a.peers.length === 0) return [tableRow([codeCell(a.run.id), "no group or baseline to compare with", "", "", ""])];
  const against = `mean of ${plural(a.peers.length, "run")}, ${a.basis.replace(/"([^"]*)"/g, (_, t: string) => codeCell(t))}`;
  if (a.metrics.length === 0) return [tableRow([codeCell(a.run.id), "no shared metrics", "", against, ""])];
  return a.metrics.map((m, i) =>
    tableRow([i === 0 ? codeCell(a.run.id) : "", codeCell(systemMetricLabel(m.metric)), codeCell(valueText(m.metric, m.head)), `${codeCell(valueText(m.metric, m.base))}${i === 0 ? ` (${against})` : ""}`, deltaText(m)]),
  );
}

function reportRows(r: ReportChange): string[] {
  const head = tableRow([codeCell(r.file), codeCell(r.title), r.status, "", ""]);
  return [
    head,
    ...r.blocks.map((b) => {
      const ids = (list: string[], sign: string) => (list.length > 5 ? `${sign}${list.length.toLocaleString("en-US")} runs` : list.map((id) => `${sign}${codeCell(id)}`).join(" "));
      return tableRow(["", codeCell(b.label), `${b.before ?? "—"} → ${b.after ?? "—"}`, ids(b.added, "+"), ids(b.removed, "−")]);
    }),
  ];
}

interface Section {
  title: string;
  header: string[];
  /** Each item's rows (kept together: an item is shown whole or left out). */
  items: string[][];
  /** `changed runs`: how a left-out item is counted in the closing note. */
  noun: string;
  open: boolean;
}

export function formatDiffMarkdown(diff: SnapshotDiff, labels: RevisionLabels, options: MarkdownOptions = {}): string {
  const total = (options.limit ?? GITHUB_COMMENT_LIMIT) - RESERVE;
  const parts = [DIFF_MARKER, "### Runfolio: runs and reports", "", `${codeCell(labels.base)} → ${codeCell(labels.head)}: ${summaryLine(diff)}.`];
  const problems = problemsLine(diff);
  if (problems) parts.push("", `> [!WARNING]\n> The ${problems}.`);
  const sections: Section[] = [
    { title: "Reports", noun: "reports", open: true, header: ["report", "title", "change", "runs added", "runs removed"], items: diff.reports.map(reportRows) },
    { title: "Changed runs", noun: "changed runs", open: true, header: ["run", "field", "base", "head", "Δ"], items: diff.changed.map(changedRows) },
    { title: "Added runs", noun: "added runs", open: true, header: ["run", "metric", "value", "compared with", "Δ"], items: diff.added.map(addedRows) },
    { title: "Removed runs", noun: "removed runs", open: false, header: ["run"], items: diff.removed.map((r) => [tableRow([codeCell(r.id)])]) },
  ];
  let used = parts.join("\n").length;
  const left: string[] = [];
  const sizeOf = (s: Section) => s.items.reduce((n, rows) => n + rows.join("\n").length + 1, 300);
  for (const [at, s] of sections.entries()) {
    if (s.items.length === 0) continue;
    const later = sections.slice(at + 1).reduce((n, t) => n + (t.items.length ? Math.min(sizeOf(t), SECTION_SHARE) : 0), 0);
    const limit = total - later;
    const open = `<details${s.open ? " open" : ""}><summary><b>${s.title}</b> (${s.items.length.toLocaleString("en-US")})</summary>\n\n${tableRow(s.header)}\n${tableRow(s.header.map(() => "---"))}`;
    const close = "\n\n</details>";
    if (used + open.length + close.length + 2 > limit) {
      left.push(plural(s.items.length, s.noun.replace(/s$/, ""), s.noun));
      continue;
    }
    const body: string[] = [];
    let size = used + open.length + close.length + 2;
    let shown = 0;
    for (const rows of s.items) {
      const text = rows.join("\n");
      if (size + text.length + 1 > limit) break;
      body.push(text);
      size += text.length + 1;
      shown++;
    }
    if (shown < s.items.length) left.push(plural(s.items.length - shown, s.noun.replace(/s$/, ""), s.noun));
    if (shown === 0) continue;
    parts.push("", `${open}\n${body.join("\n")}${close}`);
    used = size;
  }
  if (options.charts && options.charts.files.length) {
    const section = chartsSection(options.charts);
    if (used + section.length + 2 <= total) parts.push("", section);
    else left.push(plural(options.charts.files.length, "chart"));
  }
  if (left.length) {
    parts.push("", `Left out to stay under GitHub's ${GITHUB_COMMENT_LIMIT.toLocaleString("en-US")}-character comment limit: ${left.join(", ")}. Run \`runfolio diff\` for the full list.`);
  }
  return `${parts.join("\n")}\n`;
}
