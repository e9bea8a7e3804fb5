import { compareText } from "../format/compareText.ts";
import { ownRecord } from "../ownRecord.ts";
import type { GitInfo, Run, RunState, SummaryValue } from "../run.ts";
import { columnChoices, explorerColumnKeys } from "./explorerColumns.ts";

/**
 * `/data/explorer.json`: what the `/runs/` explorer filters, sorts and shows, one array per field
 * in run-id order (columns compress better than one object per run, and the page carries none
 * of it inline). Histories, metric names and source files are left out: no explorer view or
 * expression reads them.
 */
export interface ExplorerIndex {
  v: 1;
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
  git: (GitInfo | null)[];
  config: Record<string, unknown>[];
  /**
   * One column per summary key (in first-seen order): its values, and `runs`, the indexes of the
   * runs that have the key, when not every run has it. Full precision: filters must agree with the build.
   */
  summary: { key: string; values: SummaryValue[]; runs?: number[] }[];
  defaultColumns: string[];
  columns: { group: "run" | "config" | "summary"; key: string }[];
}

export function explorerIndex(runs: readonly Run[]): ExplorerIndex {
  const sorted = [...runs].sort((a, b) => compareText(a.id, b.id));
  const col = <T>(of: (r: Run) => T): T[] => sorted.map(of);
  return {
    v: 1,
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
    git: col((r) => r.git),
    config: col((r) => r.config),
    summary: summaryColumns(sorted),
    defaultColumns: explorerColumnKeys(runs),
    columns: columnChoices(runs),
  };
}

/**
 * The runs of an index, as records the query code evaluates (`metrics` and `source` empty: the
 * index does not carry them). Throws when the arrays disagree in length: a truncated or foreign file.
 */
export function runsOfExplorerIndex(index: ExplorerIndex): Run[] {
  const n = index.id.length;
  const fields = [index.name, index.project, index.state, index.group, index.tags, index.created, index.duration, index.steps, index.notes, index.git, index.config];
  const bad = () => new Error("the explorer index is not a version-1 index with one entry per run in every field");
  if (index.v !== 1 || fields.some((f) => !Array.isArray(f) || f.length !== n) || !Array.isArray(index.summary)) throw bad();
  const summaries = Array.from({ length: n }, () => ownRecord<SummaryValue>());
  for (const { key, values, runs: at } of index.summary) {
    if (values.length !== (at ? at.length : n)) throw bad();
    for (let j = 0; j < values.length; j++) {
      const i = at ? at[j]! : j;
      if (!(i >= 0 && i < n)) throw bad();
      summaries[i]![key] = values[j]!;
    }
  }
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
      git: index.git[i]!,
      config: index.config[i]!,
      summary: summaries[i]!,
      metrics: [],
      steps: index.steps[i]!,
      source: { format: "json", files: [] },
    };
  }
  return runs;
}

function summaryColumns(runs: readonly Run[]): ExplorerIndex["summary"] {
  const columns = new Map<string, { values: SummaryValue[]; runs: number[] }>();
  runs.forEach((run, i) => {
    for (const [key, value] of Object.entries(run.summary)) {
      let c = columns.get(key);
      if (!c) columns.set(key, (c = { values: [], runs: [] }));
      c.values.push(value);
      c.runs.push(i);
    }
  });
  return [...columns].map(([key, c]) => (c.runs.length === runs.length ? { key, values: c.values } : { key, values: c.values, runs: c.runs }));
}
