import { decodeList, decodePart, encodeList, encodeItem, formatQuery, readQuery } from "./urlQuery.ts";

/** Rows per page of the run explorer. */
export const PAGE_SIZE = 50;

/**
 * Everything the `/runs/` explorer shows, as it is kept in the URL:
 * `?q=<expression>&project=a,b&state=finished,crashed&cols=name,state,summary.val/loss&sort=-summary.val/loss&page=2&sel=p/run1,p/run2`.
 * Every key is optional; an absent key is the default (no filter, default columns, run-id order,
 * page 1, nothing selected).
 */
export interface ExplorerState {
  q: string;
  projects: string[];
  states: string[];
  /** Field paths of the shown columns, or null for the default set. */
  columns: string[] | null;
  sort: { key: string; descending: boolean } | null;
  /** 1-based. */
  page: number;
  selected: string[];
}

export const EMPTY_EXPLORER_STATE: ExplorerState = { q: "", projects: [], states: [], columns: null, sort: null, page: 1, selected: [] };

export function parseExplorerState(search: string): ExplorerState {
  const query = readQuery(search);
  const sortText = query.has("sort") ? decodePart(query.get("sort")!) : "";
  const page = Number(query.get("page"));
  const cols = decodeList(query.get("cols"));
  return {
    q: query.has("q") ? decodePart(query.get("q")!) : "",
    projects: decodeList(query.get("project")),
    states: decodeList(query.get("state")),
    columns: cols.length ? cols : null,
    sort: sortText && sortText !== "-" ? { key: sortText.replace(/^-/, ""), descending: sortText.startsWith("-") } : null,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    selected: decodeList(query.get("sel")),
  };
}

/** The state as a query string (`?…`, or "" for the default view); parses back to the same state. */
export function formatExplorerState(state: ExplorerState): string {
  const pairs: [string, string][] = [];
  if (state.q.trim()) pairs.push(["q", encodeURIComponent(state.q)]);
  if (state.projects.length) pairs.push(["project", encodeList(state.projects)]);
  if (state.states.length) pairs.push(["state", encodeList(state.states)]);
  if (state.columns?.length) pairs.push(["cols", encodeList(state.columns)]);
  if (state.sort) pairs.push(["sort", encodeItem(`${state.sort.descending ? "-" : ""}${state.sort.key}`)]);
  if (state.page > 1) pairs.push(["page", String(state.page)]);
  if (state.selected.length) pairs.push(["sel", encodeList(state.selected)]);
  return formatQuery(pairs);
}

/** The explorer's query string for a filter expression, e.g. from a tag on a run page. */
export function explorerQueryFor(expression: string): string {
  return formatExplorerState({ ...EMPTY_EXPLORER_STATE, q: expression });
}

/** A string literal of the expression language for `text` (JSON escapes are valid there). */
export function expressionString(text: string): string {
  return JSON.stringify(text);
}
