/**
 * Caches outside the run loader that hold results derived from runs (chart frames), emptied
 * together with the loader's own by `clearRunCaches`: a test or a measurement that clears the run
 * caches starts cold. On globalThis like the loader's caches, so copies of a module share it.
 */
const KEY = Symbol.for("runfolio.runs.derivedCaches");

function clearers(): Set<() => void> {
  const g = globalThis as unknown as Record<symbol, Set<() => void> | undefined>;
  return (g[KEY] ??= new Set());
}

/** `clear` runs whenever the run caches are emptied. */
export function clearWithRunCaches(clear: () => void): void {
  clearers().add(clear);
}

export function clearDerivedCaches(): void {
  for (const clear of clearers()) clear();
}
