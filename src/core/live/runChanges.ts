/**
 * Which runs the dev server's runs loader (src/content/runsLoader.ts) has re-synced lately, for
 * the runfolio integration (src/integration/liveRuns.ts). The loader runs in Vite's module runner
 * and the integration in Node's own module graph, so a module-level variable would be two
 * variables: the notes live on `globalThis` under a registered symbol instead.
 */
const KEY = Symbol.for("runfolio.liveRunChanges");

/** How long a note explains a full reload: one store write reaches the pages by more than one path, each asking for a reload. */
export const RUN_CHANGE_WINDOW_MS = 5_000;

function notes(): Map<string, number> {
  const g = globalThis as { [KEY]?: Map<string, number> };
  return (g[KEY] ??= new Map());
}

export function noteRunsChanged(ids: Iterable<string>, now = Date.now()): void {
  const map = notes();
  for (const id of ids) map.set(id, now);
}

/** The runs noted within `windowMs` before `now`, sorted; null when none. Older notes are dropped. */
export function recentRunChanges(now = Date.now(), windowMs = RUN_CHANGE_WINDOW_MS): string[] | null {
  const map = notes();
  for (const [id, at] of map) if (now - at > windowMs) map.delete(id);
  return map.size > 0 ? [...map.keys()].sort() : null;
}
