import { decodeList, encodeList, formatQuery, readQuery } from "../explore/urlQuery.ts";

/**
 * The compare page's URL: `/compare/?runs=<id>,<id>,…` (ids percent-encoded per item, `/` kept;
 * the first run is the reference for deltas), plus `&show=all` to list keys that do not differ.
 */
export interface CompareState {
  runs: string[];
  show: "differing" | "all";
}

export function parseCompareState(search: string): CompareState {
  const q = readQuery(search);
  const runs = [...new Set(decodeList(q.get("runs")))];
  return { runs, show: q.get("show") === "all" ? "all" : "differing" };
}

export function formatCompareState(state: CompareState): string {
  const pairs: [string, string][] = [["runs", encodeList(state.runs)]];
  if (state.show === "all") pairs.push(["show", "all"]);
  return formatQuery(pairs);
}
