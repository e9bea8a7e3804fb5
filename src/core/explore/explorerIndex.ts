import { compareText } from "../format/compareText.ts";
import { fieldLabel, IDENTITY_FIELDS } from "../query/fields.ts";
import { RUN_STATES, type Run, type RunState, type SummaryValue } from "../run.ts";
import { badIndex, spreadSummary, summaryColumns, type SummaryColumn } from "./explorerWire.ts";
import { columnChoices, explorerColumnKeys, keyMetrics } from "./explorerColumns.ts";
import { explorerFields, type ExplorerFields } from "./explorerFields.ts";
import { PAGE_SIZE } from "./explorerState.ts";

/**
 * `/data/explorer.json`: what the `/runs/` explorer needs to draw its default view, one array per
 * field in run-id order (columns compress better than one object per run). Only the summary
 * metrics the default columns show are here; git, config and every other summary metric are in
 * `/data/explorer-fields.json` (explorerFields.ts), which the page loads after its first
 * render: at 10,000 runs they are most of the bytes (full-precision floats), and no default view
 * reads them. Histories, metric names and source files are in neither.
 */
export interface ExplorerIndex {
  v: 2;
  id: string[];
  name: string[];
  project: string[];
  state: RunState[];
  group: (string | null)[];
  tags: string[][];
  created: (string | null)[];
  duration: (number | null)[];
  steps: number[];
  notes: (string | null)[];
  /** Full precision: filters must agree with the build. */
  summary: SummaryColumn[];
  /** The column keys (field paths) whose values this file holds, so views over them need not wait for the fields file. */
  early: string[];
  defaultColumns: string[];
  columns: { group: "run" | "config" | "summary"; key: string }[];
}

/**
 * `/data/explorer-head.json`: the index of the first page of runs of the default view (the first
 * `PAGE_SIZE` in run-id order), with how many runs there are and the facet values of them all. A
 * few kilobytes at any size, so the explorer draws its first page before the index is even read.
 * `early` is the index's own (a view may name a column none of these runs has).
 */
export interface ExplorerHead extends ExplorerIndex {
  total: number;
  projects: string[];
  states: RunState[];
}

/** The explorer's files, for the same runs. */
export function explorerIndexFiles(runs: readonly Run[]): { index: ExplorerIndex; fields: ExplorerFields; head: ExplorerHead } {
  const sorted = [...runs].sort((a, b) => compareText(a.id, b.id));
  const shown = new Set(keyMetrics(runs));
  const summary = summaryColumns(sorted);
  const index = explorerIndexOf(runs, sorted, summary.filter((c) => shown.has(c.key)));
  const first = sorted.slice(0, PAGE_SIZE);
  const head: ExplorerHead = {
    ...explorerIndexOf(runs, first, summaryColumns(first).filter((c) => shown.has(c.key)), index),
    early: index.early,
    total: sorted.length,
    ...explorerFacets(sorted),
  };
  return { index, fields: explorerFields(sorted, summary.filter((c) => !shown.has(c.key))), head };
}

/** `/data/explorer.json` alone (see explorerIndexFiles). */
export function explorerIndex(runs: readonly Run[]): ExplorerIndex {
  return explorerIndexFiles(runs).index;
}

/** `like`: an index of every run whose column lists this one shares (the head's). */
function explorerIndexOf(runs: readonly Run[], sorted: readonly Run[], summary: SummaryColumn[], like?: ExplorerIndex): ExplorerIndex {
  const col = <T>(of: (r: Run) => T): T[] => sorted.map(of);
  return {
    v: 2,
    id: col((r) => r.id),
    name: col((r) => r.name),
    project: col((r) => r.project),
    state: col((r) => r.state),
    group: col((r) => r.group),
    tags: col((r) => r.tags),
    created: col((r) => r.created),
    duration: col((r) => r.duration),
    steps: col((r) => r.steps),
    notes: col((r) => r.notes),
    summary,
    early: [...IDENTITY_FIELDS, ...summary.map((c) => fieldLabel({ root: "summary", keys: [c.key] }))],
    defaultColumns: like?.defaultColumns ?? explorerColumnKeys(runs),
    columns: like?.columns ?? columnChoices(runs),
  };
}

/**
 * The runs of an index, as records the query code evaluates: `git` null and `config` empty until
 * the fields file is merged in (mergeExplorerFields), `metrics` and `source` empty (neither file
 * carries them). Throws when the arrays disagree in length: a truncated or foreign file.
 */
export function runsOfExplorerIndex(index: ExplorerIndex): Run[] {
  const n = Array.isArray(index.id) ? index.id.length : -1;
  const fields = [index.name, index.project, index.state, index.group, index.tags, index.created, index.duration, index.steps, index.notes];
  if (index.v !== 2 || fields.some((f) => !Array.isArray(f) || f.length !== n) || !Array.isArray(index.summary)) throw badIndex();
  // Plain objects, written with `put`: see there.
  const summaries = Array.from({ length: n }, (): Record<string, SummaryValue> => ({}));
  spreadSummary(index.summary, summaries);
  const runs: Run[] = new Array<Run>(n);
  for (let i = 0; i < n; i++) {
    runs[i] = {
      id: index.id[i]!,
      project: index.project[i]!,
      name: index.name[i]!,
      group: index.group[i]!,
      tags: index.tags[i]!,
      state: index.state[i]!,
      created: index.created[i]!,
      duration: index.duration[i]!,
      notes: index.notes[i]!,
      git: null,
      config: {},
      summary: summaries[i]!,
      metrics: [],
      steps: index.steps[i]!,
      source: { format: "json", files: [] },
    };
  }
  return runs;
}

/** The explorer's facet values: every project (by name) and every state some run has (in lifecycle order). */
export function explorerFacets(runs: readonly Run[]): { projects: string[]; states: RunState[] } {
  const states = new Set(runs.map((r) => r.state));
  return { projects: [...new Set(runs.map((r) => r.project))].sort(compareText), states: RUN_STATES.filter((s) => states.has(s)) };
}
