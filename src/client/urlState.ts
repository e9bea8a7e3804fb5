/**
 * View state in the URL hash, so a shared link reopens the same view (the format:
 * `core/chart/chartUrlState.ts`). Written with `history.replaceState`, so moving a slider neither
 * scrolls nor fills the history.
 */
import { chartStateParts, hashEntryParts, parseChartState, withHashEntry, type ChartState } from "../core/chart/chartUrlState.ts";

export type { ChartState };

/** The parts of a chart's state found in the hash (absent parts are left out). */
export function readChartState(id: string): Partial<ChartState> {
  return parseChartState(location.hash, id);
}

/** Writes (or removes, when everything is at its default) the chart's entry. */
export function writeChartState(id: string, state: ChartState, defaults: { smooth: number; logY: boolean }): void {
  writeHashEntry(id, chartStateParts(state, defaults));
}

/** The comma-separated parts of the hash entry `<id>=…`, decoded; null when there is none. */
export function readHashEntry(id: string): string[] | null {
  return hashEntryParts(location.hash, id);
}

/** Sets the hash entry `<id>=<parts>` (each part encoded), or removes it when `parts` is empty. */
export function writeHashEntry(id: string, parts: readonly string[]): void {
  const hash = withHashEntry(location.hash, id, parts);
  if (hash === location.hash || (hash === "" && location.hash === "")) return;
  history.replaceState(history.state, "", `${location.pathname}${location.search}${hash}`);
}
