/**
 * The dev server's `refreshContent` (Astro hands it to the runfolio integration's
 * `astro:server:setup` hook), for the content loaders (src/content/followSources.ts). The loaders
 * run in Vite's module runner and the integration in Node's own module graph, so it is kept on
 * `globalThis` under a registered symbol, as core/live/runChanges.ts keeps its notes.
 */
export interface ContentRefreshOptions {
  /** Names of the loaders whose collections to sync again. */
  loaders: string[];
  /** Handed to those loaders' `load()` as `refreshContextData`. */
  context: Record<string, unknown>;
}

export type ContentRefresh = (options: ContentRefreshOptions) => Promise<void>;

const KEY = Symbol.for("runfolio.contentRefresh");

type Holder = { [KEY]?: ContentRefresh | null };

export function setContentRefresh(refresh: ContentRefresh | null): void {
  (globalThis as Holder)[KEY] = refresh;
}

/** The running dev server's refresh; null outside one (a build, or loaders used without the integration). */
export function contentRefresh(): ContentRefresh | null {
  return (globalThis as Holder)[KEY] ?? null;
}
