/**
 * How a content loader follows its source files in the dev server.
 *
 * Astro writes the data store to disk, and only then tells open pages to reload (which the live
 * pages turn into in-place updates, src/integration/liveRuns.ts), 500 ms after the store's last
 * change: a trailing debounce, restarted by every change. A training script that flushes a row
 * more often than that, re-synced on every row, kept pushing the write back, and no open page
 * updated until the script paused or a sync happened to take long enough (issue 17).
 *
 * So a changed file does not sync in the watcher's callback. It asks the dev server to refresh
 * this loader (Astro's `refreshContent`, core/live/contentRefresh.ts), whose sync ends by writing
 * the store at once; changes during a refresh fold into one more (core/live/coalesce.ts). Refreshes
 * start at most every half second: each writes the whole store to disk and logs two lines, and
 * a script may flush many rows a second. Without the runfolio integration there is no refresh to
 * ask for, and the loader syncs itself.
 */
import path from "node:path";
import type { LoaderContext } from "astro/loaders";
import { coalesce } from "../core/live/coalesce.ts";
import { contentRefresh } from "../core/live/contentRefresh.ts";

const FILE_REFRESH = "runfolio:files-changed";
const EVENTS = ["add", "change", "unlink"] as const;
/** The least time from one refresh's start to the next one's: Astro's own store-write debounce. */
const REFRESH_SPACING_MS = 500;

const spacing = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, REFRESH_SPACING_MS));

/** Whether this `load()` is the refresh a changed file asked for: sync, and follow nothing new. */
export function isFileRefresh(context: LoaderContext): boolean {
  return context.refreshContextData?.[FILE_REFRESH] === true;
}

export interface FollowOptions {
  /** The folder to watch. */
  dir: string;
  /** Which changed files under `dir` matter. */
  accept: (file: string) => boolean;
  /** Syncs the collection; used only when no refresh can be asked for. */
  sync: () => Promise<void>;
}

/**
 * One loader's follower: call it from every `load()` with a watcher that is not a file refresh.
 * Each call replaces the listeners of the one before (Astro removes them itself before a full
 * sync, but not before another integration's refresh of this loader). `pause` is the wait from
 * one refresh's start before the next may start (tests pass their own).
 */
export function sourceFollower(loader: string, pause: () => Promise<void> = spacing): (context: LoaderContext, options: FollowOptions) => void {
  let current: { context: LoaderContext; options: FollowOptions; listener: (file: string) => void } | null = null;
  const refresh = coalesce(
    async () => {
      const paused = pause();
      try {
        const ask = contentRefresh();
        if (ask) await ask({ loaders: [loader], context: { [FILE_REFRESH]: true } });
        else await current?.options.sync();
      } finally {
        await paused;
      }
    },
    (error) => current?.context.logger.error(String(error)),
  );
  return (context, options) => {
    const watcher = context.watcher;
    if (!watcher) return;
    if (current) for (const event of EVENTS) current.context.watcher?.off(event, current.listener);
    const dir = path.resolve(options.dir);
    const listener = (file: string): void => {
      const changed = path.resolve(file);
      if (changed.startsWith(dir + path.sep) && options.accept(changed)) refresh();
    };
    current = { context, options, listener };
    watcher.add(dir);
    for (const event of EVENTS) watcher.on(event, listener);
  };
}
