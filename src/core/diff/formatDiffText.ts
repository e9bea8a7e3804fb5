/** A diff for the terminal: plain text, every change listed (no size limit). */
import type { ChangedRun, ReportChange, Resemblance, SnapshotDiff } from "./diffSnapshots.ts";
import { deltaText, problemsLine, summaryLine, valueText, type RevisionLabels } from "./diffWords.ts";
import { systemMetricLabel } from "./systemChanges.ts";

const KEY_WIDTH = 28;
/** Run ids listed per block and direction before the rest is counted. */
const MAX_IDS = 8;

function idList(ids: readonly string[], sign: string): string[] {
  const shown = ids.slice(0, MAX_IDS).map((id) => `${sign}${id}`);
  return ids.length > MAX_IDS ? [...shown, `(${sign}${ids.length - MAX_IDS} more)`] : shown;
}

function row(indent: string, key: string, rest: string): string {
  return `${indent}${key.padEnd(KEY_WIDTH)} ${rest}`.trimEnd();
}

function changedRunLines(c: ChangedRun): string[] {
  const lines = [`  ${c.id}`];
  for (const f of c.fields) lines.push(row("    ", f.key, `${valueText(f.key, f.base)} → ${valueText(f.key, f.head)}`));
  for (const f of c.config) lines.push(row("    ", `config.${f.key}`, `${valueText(f.key, f.base)} → ${valueText(f.key, f.head)}`));
  for (const m of c.summary) {
    const d = deltaText(m);
    lines.push(row("    ", `summary.${m.metric}`, `${valueText(m.metric, m.base)} → ${valueText(m.metric, m.head)}${d ? `  ${d}` : ""}`));
  }
  for (const m of c.system) {
    const d = deltaText(m);
    lines.push(row("    ", systemMetricLabel(m.metric), `${valueText(m.metric, m.base)} → ${valueText(m.metric, m.head)}${d ? `  ${d}` : ""}`));
  }
  if (c.filesOnly) lines.push("    files changed; config, summary and metadata are the same (logged values before the last, or formatting)");
  return lines;
}

function addedRunLines(a: Resemblance): string[] {
  if (a.peers.length === 0) return [`  ${a.run.id}  (no runs of its group and no baseline to compare with)`];
  const lines = [`  ${a.run.id}  vs the mean of ${a.peers.length} ${a.peers.length === 1 ? "run" : "runs"} (${a.basis})`];
  for (const m of a.metrics) {
    const d = deltaText(m);
    lines.push(row("    ", systemMetricLabel(m.metric), `${valueText(m.metric, m.head)} vs ${valueText(m.metric, m.base)}${d ? `  ${d}` : ""}`));
  }
  return lines;
}

function reportLines(r: ReportChange): string[] {
  const lines = [`  ${r.file}  "${r.title}"  ${r.status}`];
  for (const b of r.blocks) {
    const count = `${b.before ?? "—"} → ${b.after ?? "—"} runs`;
    const ids = [...idList(b.added, "+"), ...idList(b.removed, "-")].join(" ");
    lines.push(`    ${b.label}: ${count}${ids ? `  ${ids}` : ""}`);
  }
  return lines;
}

export function formatDiffText(diff: SnapshotDiff, labels: RevisionLabels): string {
  const out = [`runfolio diff: ${labels.base} → ${labels.head}`, `  ${summaryLine(diff)}`];
  const problems = problemsLine(diff);
  if (problems) out.push(`  note: ${problems}`);
  const section = (title: string, lines: string[]) => {
    if (lines.length) out.push("", title, ...lines);
  };
  section("Reports", diff.reports.flatMap(reportLines));
  section("Changed runs", diff.changed.flatMap(changedRunLines));
  section("Added runs", diff.added.flatMap(addedRunLines));
  section("Removed runs", diff.removed.map((r) => `  ${r.id}`));
  return `${out.join("\n")}\n`;
}
