import type { Expr } from "../query/ast.ts";
// Not from query/index.ts: the explorer page must not load the RE2 engine that parsing `~` needs.
import { evaluateExpression } from "../query/evaluateExpression.ts";
import { getField, parseFieldPath } from "../query/fieldPath.ts";
import { sortRuns } from "../query/sortRuns.ts";
import type { Run } from "../run.ts";
import type { ExplorerState } from "./explorerState.ts";

export interface FacetCount {
  value: string;
  count: number;
}

export interface ExploredRuns {
  /** Runs passing the expression and both facets, in display order. */
  runs: Run[];
  /** Per facet value: runs passing the expression and the *other* facet (so counts say what a tick adds). */
  projects: FacetCount[];
  states: FacetCount[];
  /** The page actually shown (clamped to the last page) and how many pages there are. */
  page: number;
  pages: number;
  pageRuns: Run[];
}

/** The explorer's view of `runs` under `state`; `expr` is the parsed filter (null: none or invalid). */
export function exploreRuns(
  all: readonly Run[],
  state: ExplorerState,
  expr: Expr | null,
  opts: { pageSize: number; allProjects: readonly string[]; allStates: readonly string[] },
): ExploredRuns {
  const matching = expr ? all.filter((r) => evaluateExpression(expr, r)) : [...all];
  const inProjects = (r: Run) => state.projects.length === 0 || state.projects.includes(r.project);
  const inStates = (r: Run) => state.states.length === 0 || state.states.includes(r.state);
  const count = (values: readonly string[], runs: Run[], of: (r: Run) => string) =>
    values.map((value) => ({ value, count: runs.filter((r) => of(r) === value).length }));
  const projects = count(opts.allProjects, matching.filter(inStates), (r) => r.project);
  const states = count(opts.allStates, matching.filter(inProjects), (r) => r.state);
  let runs = matching.filter((r) => inProjects(r) && inStates(r));
  if (state.sort) {
    const parsed = parseFieldPath(state.sort.key);
    if (parsed.ok) runs = sortRuns(runs, [{ path: parsed.path, descending: state.sort.descending }]);
  }
  const pages = Math.max(1, Math.ceil(runs.length / opts.pageSize));
  const page = Math.min(Math.max(1, state.page), pages);
  const pageRuns = runs.slice((page - 1) * opts.pageSize, page * opts.pageSize);
  return { runs, projects, states, page, pages, pageRuns };
}

/** A column's value for a run, by field path text (undefined when the run lacks it or the path is bad). */
export function columnValue(run: Run, key: string): unknown {
  const parsed = parseFieldPath(key);
  return parsed.ok ? getField(run, parsed.path) : undefined;
}
