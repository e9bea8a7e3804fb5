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
 *
 * A refresh names the files that changed since the last one (`refreshOf`), or none when a file was
 * added or removed, so that a loader over 10,000 runs re-reads one run, not every file. Astro skips
 * a refresh that comes while it reloads its content config (which it does on any change to a `.md`
 * or `.json` file, reports and run.json included): a refresh that did not reach the loader is asked
 * for again.
 */
import path from "node:path";
import type { LoaderContext } from "astro/loaders";
import { coalesce } from "../core/live/coalesce.ts";
import { contentRefresh } from "../core/live/contentRefresh.ts";

const FILE_REFRESH = "runfolio:files-changed";
const CHANGED_FILES = "runfolio:changed-files";
const TAKEN = "runfolio:refresh-taken";
/** How often a refresh that Astro skipped is asked for again. */
const RETRIES = 5;
const EVENTS = ["add", "change", "unlink"] as const;
/** The least time from one refresh's start to the next one's: Astro's own store-write debounce. */
const REFRESH_SPACING_MS = 500;

const spacing = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, REFRESH_SPACING_MS));

/** Whether this `load()` is the refresh a changed file asked for: sync, and follow nothing new. */
export function isFileRefresh(context: LoaderContext): boolean {
  return context.refreshContextData?.[FILE_REFRESH] === true;
}

/**
 * The refresh this `load()` is, taken (so the follower knows it reached the loader): the absolute
 * paths of the files changed since the last one, or null when any was added or removed (sync
 * everything). Null for a load that is no file refresh.
 */
export function refreshOf(context: LoaderContext): { files: string[] | null } | null {
  if (!isFileRefresh(context)) return null;
  const data = context.refreshContextData!;
  (data[TAKEN] as (() => void) | undefined)?.();
  const files = data[CHANGED_FILES];
  return { files: Array.isArray(files) ? (files as string[]) : null };
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
  let current: { context: LoaderContext; options: FollowOptions; listeners: Map<(typeof EVENTS)[number], (file: string) => void> } | null = null;
  // The files changed since the last refresh started; null once one was added or removed.
  let pending: Set<string> | null = new Set();
  const refresh = coalesce(
    async () => {
      const files = pending ? [...pending] : null;
      pending = new Set();
      for (let attempt = 0; ; attempt++) {
        const paused = pause();
        try {
          const ask = contentRefresh();
          if (!ask) return await current?.options.sync();
          let taken = false;
          await ask({ loaders: [loader], context: { [FILE_REFRESH]: true, [CHANGED_FILES]: files, [TAKEN]: () => (taken = true) } });
          if (taken || attempt >= RETRIES) return;
        } finally {
          await paused;
        }
      }
    },
    (error) => current?.context.logger.error(String(error)),
  );
  return (context, options) => {
    const watcher = context.watcher;
    if (!watcher) return;
    if (current) for (const [event, listener] of current.listeners) current.context.watcher?.off(event, listener);
    const dir = path.resolve(options.dir);
    const listeners = new Map(
      EVENTS.map((event) => [
        event,
        (file: string): void => {
          const changed = path.resolve(file);
          if (!changed.startsWith(dir + path.sep) || !options.accept(changed)) return;
          if (event !== "change") pending = null;
          else pending?.add(changed);
          refresh();
        },
      ]),
    );
    current = { context, options, listeners };
    watcher.add(dir);
    for (const [event, listener] of listeners) watcher.on(event, listener);
  };
}
