/**
 * Two revisions' runs and reports → what changed between them, as data for the text and markdown
 * writers: runs matched by id (added, removed, changed with their differing fields, config keys
 * and summary metrics), reports whose text or selected runs changed, and each new run set beside
 * the runs it most resembles on the metrics its reports plot.
 */
import { compareText } from "../format/compareText.ts";
import { parseReport } from "../report/parseReport.ts";
import type { Run, SummaryValue } from "../run.ts";
import { flattenConfig } from "../query/fields.ts";
import type { Snapshot } from "./loadSnapshot.ts";
import { reportRunSets, type ReportRunSets } from "../report/reportRunSets.ts";
import { SYSTEM_PREFIX } from "../plots/runData.ts";
import { systemMeanChanges, systemMeans } from "./systemChanges.ts";

export interface ValueChange {
  key: string;
  base: unknown;
  head: unknown;
}

export interface MetricChange {
  metric: string;
  base: SummaryValue | undefined;
  head: SummaryValue | undefined;
  /** head − base, when both are numbers. */
  delta: number | null;
  /** The delta relative to |base| (0.05 is +5%), when both are numbers and base is not 0. */
  ratio: number | null;
}

export interface ChangedRun {
  id: string;
  /** name, group, tags, state, notes, … */
  fields: ValueChange[];
  config: ValueChange[];
  summary: MetricChange[];
  /** System metrics (`system/<name>`) whose mean over the run's samples changed (systemChanges.ts). */
  system: MetricChange[];
  /** The files changed although none of the above did (history values in the middle of a run). */
  filesOnly: boolean;
}

export interface Resemblance {
  run: Run;
  /** Why these runs: `same project and group "x"` or `baseline runs of project "p"`. */
  basis: string;
  peers: string[];
  /** The new run against the peers' mean. */
  metrics: MetricChange[];
}

export interface ReportChange {
  file: string;
  title: string;
  status: "added" | "removed" | "edited" | "runs changed";
  blocks: { label: string; added: string[]; removed: string[]; before: number | null; after: number | null }[];
}

export interface SnapshotDiff {
  added: Resemblance[];
  removed: Run[];
  changed: ChangedRun[];
  unchanged: number;
  reports: ReportChange[];
  baseProblems: number;
  headProblems: number;
}

const FIELDS = ["name", "group", "tags", "state", "created", "duration", "notes", "git", "steps", "metrics"] as const;
/** At most this many metrics compare a new run with its peers when no report names any. */
const FALLBACK_METRICS = 3;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export function metricChange(metric: string, base: SummaryValue | undefined, head: SummaryValue | undefined): MetricChange {
  const numbers = typeof base === "number" && typeof head === "number";
  const delta = numbers ? head - base : null;
  return { metric, base, head, delta, ratio: numbers && base !== 0 ? delta! / Math.abs(base) : null };
}

function diffValues(a: Record<string, unknown>, b: Record<string, unknown>): ValueChange[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareText);
  return keys.filter((k) => !same(a[k], b[k])).map((key) => ({ key, base: a[key], head: b[key] }));
}

async function diffRun(base: Run, head: Run, before: Snapshot, after: Snapshot): Promise<ChangedRun | null> {
  const fields = FIELDS.filter((f) => !same(base[f], head[f])).map((key) => ({ key, base: base[key], head: head[key] }));
  const config = diffValues(flattenConfig(base.config), flattenConfig(head.config));
  const summary = diffValues(base.summary, head.summary).map((c) => metricChange(c.key, c.base as SummaryValue | undefined, c.head as SummaryValue | undefined));
  const filesChanged = before.digests.get(base.id) !== after.digests.get(head.id);
  // Samples are read only for a run whose files changed: equal files give equal means.
  const system = filesChanged && (base.system || head.system) ? systemMeanChanges(await before.system(base), await after.system(head)).map((c) => metricChange(c.metric, c.base, c.head)) : [];
  const changes = fields.length + config.length + summary.length + system.length;
  if (changes === 0 && !filesChanged) return null;
  return { id: head.id, fields, config, summary, system, filesOnly: changes === 0 };
}

/** The runs a new run is best judged against: its project and group, else its project's `baseline` runs. */
function peersOf(run: Run, existing: readonly Run[]): { basis: string; peers: Run[] } | null {
  const inProject = existing.filter((r) => r.project === run.project);
  if (run.group !== null) {
    const group = inProject.filter((r) => r.group === run.group);
    if (group.length) return { basis: `same project and group "${run.group}"`, peers: group };
  }
  const baseline = inProject.filter((r) => r.tags.includes("baseline"));
  if (baseline.length) return { basis: `baseline runs of project "${run.project}"`, peers: baseline };
  return null;
}

function mean(values: readonly SummaryValue[]): number | undefined {
  const numbers = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  return numbers.length ? numbers.reduce((s, v) => s + v, 0) / numbers.length : undefined;
}

/**
 * A new run against the mean of its peers, on the metrics its reports plot (else a few of its
 * summary's): summary values, and for `system/<name>` metrics the mean of the samples.
 */
async function resemble(run: Run, existing: readonly Run[], reportMetrics: readonly string[], head: Snapshot): Promise<Resemblance> {
  const found = peersOf(run, existing);
  if (!found) return { run, basis: "", peers: [], metrics: [] };
  const wantsSystem = reportMetrics.some((m) => m.startsWith(SYSTEM_PREFIX));
  const means = async (snapshot: Snapshot, r: Run) => (wantsSystem && r.system ? systemMeans(await snapshot.system(r)) : new Map<string, number>());
  const own = await means(head, run);
  const peerMeans = await Promise.all(found.peers.map((p) => means(head, p)));
  const valueOf = (m: string, r: Run, system: Map<string, number>): SummaryValue | undefined => (m.startsWith(SYSTEM_PREFIX) ? system.get(m) : r.summary[m]);
  const shared = (m: string) => typeof valueOf(m, run, own) === "number" && found.peers.some((p, i) => typeof valueOf(m, p, peerMeans[i]!) === "number");
  let metrics = reportMetrics.filter(shared);
  if (metrics.length === 0) metrics = Object.keys(run.summary).filter(shared).sort(compareText).slice(0, FALLBACK_METRICS);
  return {
    run,
    basis: found.basis,
    peers: found.peers.map((p) => p.id),
    metrics: metrics.map((m) => metricChange(m, mean(found.peers.map((p, i) => valueOf(m, p, peerMeans[i]!) ?? null)), valueOf(m, run, own))),
  };
}

interface ReportAtRevision {
  title: string;
  text: string;
  sets: ReportRunSets;
  selected: ReadonlySet<string>;
}

async function runSetsOf(snapshot: Snapshot): Promise<Map<string, ReportAtRevision>> {
  const out = new Map<string, ReportAtRevision>();
  for (const { file, text } of snapshot.reports) {
    const parsed = parseReport(file, text);
    const sets = await reportRunSets(parsed, snapshot.runs);
    out.set(file, { title: parsed.meta.title, text, sets, selected: new Set(sets.runIds) });
  }
  return out;
}

function diffSets(before: readonly string[] | null, after: readonly string[] | null): { added: string[]; removed: string[] } {
  const a = new Set(before ?? []);
  const b = new Set(after ?? []);
  return { added: [...b].filter((id) => !a.has(id)), removed: [...a].filter((id) => !b.has(id)) };
}

export async function diffSnapshots(base: Snapshot, head: Snapshot): Promise<SnapshotDiff> {
  const baseById = new Map(base.runs.map((r) => [r.id, r]));
  const headById = new Map(head.runs.map((r) => [r.id, r]));
  const removed = base.runs.filter((r) => !headById.has(r.id));
  const changed: ChangedRun[] = [];
  let unchanged = 0;
  for (const run of head.runs) {
    const before = baseById.get(run.id);
    if (!before) continue;
    const change = await diffRun(before, run, base, head);
    if (change) changed.push(change);
    else unchanged++;
  }

  const baseReports = await runSetsOf(base);
  const headReports = await runSetsOf(head);
  const reports: ReportChange[] = [];
  for (const file of [...new Set([...baseReports.keys(), ...headReports.keys()])].sort(compareText)) {
    const b = baseReports.get(file);
    const h = headReports.get(file);
    const blockCount = Math.max(b?.sets.blocks.length ?? 0, h?.sets.blocks.length ?? 0);
    const blocks: ReportChange["blocks"] = [];
    for (let i = 0; i < blockCount; i++) {
      const bb = b?.sets.blocks[i];
      const hb = h?.sets.blocks[i];
      const sets = diffSets(bb?.runIds ?? null, hb?.runIds ?? null);
      if (sets.added.length + sets.removed.length === 0 && (bb?.runIds === null) === (hb?.runIds === null)) continue;
      blocks.push({ label: (hb ?? bb)!.label, ...sets, before: bb?.runIds?.length ?? null, after: hb?.runIds?.length ?? null });
    }
    const status: ReportChange["status"] | null = !b ? "added" : !h ? "removed" : b.text !== h.text ? "edited" : blocks.length ? "runs changed" : null;
    if (status) reports.push({ file, title: (h ?? b)!.title, status, blocks });
  }

  // A new run is compared on the metrics plotted by the reports that now select it.
  const existing = head.runs.filter((r) => baseById.has(r.id));
  const added: Resemblance[] = [];
  for (const run of head.runs.filter((r) => !baseById.has(r.id))) {
    const metrics = [...headReports.values()].filter((r) => r.selected.has(run.id)).flatMap((r) => r.sets.metrics);
    added.push(await resemble(run, existing, [...new Set(metrics)], head));
  }
  const problems = (s: Snapshot) => s.diagnostics.filter((d) => d.severity === "error").length;
  return { added, removed, changed, unchanged, reports, baseProblems: problems(base), headProblems: problems(head) };
}
