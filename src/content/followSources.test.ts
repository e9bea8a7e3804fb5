import { EventEmitter } from "node:events";
import path from "node:path";
import type { LoaderContext } from "astro/loaders";
import { afterEach, describe, expect, it } from "vitest";
import { setContentRefresh, type ContentRefreshOptions } from "../core/live/contentRefresh.ts";
import { isFileRefresh, refreshOf, sourceFollower } from "./followSources.ts";

/** A stand-in for chokidar: what `add` was asked to watch, and events to fire. */
class FakeWatcher extends EventEmitter {
  added: string[] = [];
  add(dir: string): this {
    this.added.push(dir);
    return this;
  }
}

function contextWith(watcher: FakeWatcher | undefined, refreshContextData?: Record<string, unknown>): LoaderContext {
  const errors: string[] = [];
  return { watcher, refreshContextData, logger: { error: (m: string) => errors.push(m) }, errors } as unknown as LoaderContext;
}

const root = path.resolve("/data");
const runs = path.join(root, "runs");
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
/** No spacing between refreshes. */
const now = () => Promise.resolve();

/**
 * A refresh that records what it was asked and finishes when the test says so; it reaches the
 * loader (which takes it) unless `skip` says Astro skipped it.
 */
function recordingRefresh(skip: (n: number) => boolean = () => false) {
  const asked: ContentRefreshOptions[] = [];
  const finish: ((error?: Error) => void)[] = [];
  setContentRefresh((options) => {
    asked.push(options);
    if (!skip(asked.length)) refreshOf(contextWith(undefined, options.context));
    return new Promise<void>((resolve, reject) => finish.push((error) => (error ? reject(error) : resolve())));
  });
  return { asked, finish };
}

afterEach(() => setContentRefresh(null));

describe("sourceFollower", () => {
  it("asks the dev server to refresh its loader for each changed file it accepts, and for no other", async () => {
    const { asked, finish } = recordingRefresh();
    const watcher = new FakeWatcher();
    const follow = sourceFollower("runfolio-runs", now);
    follow(contextWith(watcher), { dir: runs, accept: (f) => !f.endsWith(".tmp"), sync: () => Promise.reject(new Error("not this way")) });
    expect(watcher.added).toEqual([runs]);
    watcher.emit("change", path.join(root, "reports/a.md"));
    watcher.emit("change", path.join(runs, "p/a/history.csv.tmp"));
    watcher.emit("change", runs + "-old/p/a/history.csv");
    expect(asked).toEqual([]);
    watcher.emit("change", path.join(runs, "p/a/history.csv"));
    expect(asked.length).toBe(1);
    expect(asked[0]!.loaders).toEqual(["runfolio-runs"]);
    // the load() that refresh leads to knows it is one, and follows nothing new
    expect(isFileRefresh(contextWith(watcher, asked[0]!.context))).toBe(true);
    expect(isFileRefresh(contextWith(watcher))).toBe(false);
    expect(isFileRefresh(contextWith(watcher, { webhook: true }))).toBe(false);
    finish[0]!();
    await settle();
    watcher.emit("unlink", path.join(runs, "p/b/run.json"));
    watcher.emit("add", path.join(runs, "p/c/run.json"));
    expect(asked.length).toBe(2);
  });

  it("folds the rows flushed during a refresh into one more refresh", async () => {
    const { asked, finish } = recordingRefresh();
    const watcher = new FakeWatcher();
    sourceFollower("runfolio-runs", now)(contextWith(watcher), { dir: runs, accept: () => true, sync: async () => {} });
    const history = path.join(runs, "p/a/history.csv");
    for (let i = 0; i < 20; i++) watcher.emit("change", history);
    expect(asked.length).toBe(1);
    finish[0]!();
    await settle();
    expect(asked.length).toBe(2);
    finish[1]!();
    await settle();
    expect(asked.length).toBe(2);
  });

  it("starts the next refresh only once the spacing after the last one's start has passed", async () => {
    const { asked, finish } = recordingRefresh();
    const watcher = new FakeWatcher();
    const spacings: (() => void)[] = [];
    const spaced = () => new Promise<void>((resolve) => spacings.push(resolve));
    sourceFollower("runfolio-runs", spaced)(contextWith(watcher), { dir: runs, accept: () => true, sync: async () => {} });
    const history = path.join(runs, "p/a/history.csv");
    watcher.emit("change", history);
    watcher.emit("change", history);
    expect(asked.length).toBe(1);
    finish[0]!();
    await settle();
    expect(asked.length).toBe(1);
    spacings[0]!();
    await settle();
    expect(asked.length).toBe(2);
    // a failed refresh keeps the spacing too
    watcher.emit("change", history);
    finish[1]!(new Error("content config not loaded"));
    await settle();
    expect(asked.length).toBe(2);
    spacings[1]!();
    await settle();
    expect(asked.length).toBe(3);
  });

  it("replaces its listeners when the loader loads again, so a change asks once", () => {
    const { asked } = recordingRefresh();
    const watcher = new FakeWatcher();
    const follow = sourceFollower("runfolio-reports", now);
    const options = { dir: path.join(root, "reports"), accept: () => true, sync: async () => {} };
    follow(contextWith(watcher), options);
    follow(contextWith(watcher), options);
    expect(watcher.listenerCount("change")).toBe(1);
    watcher.emit("change", path.join(root, "reports/a.md"));
    expect(asked.length).toBe(1);
  });

  it("syncs by itself, one sync at a time, when no dev server refresh is registered", async () => {
    const watcher = new FakeWatcher();
    let syncs = 0;
    const done: (() => void)[] = [];
    sourceFollower("runfolio-runs", now)(contextWith(watcher), {
      dir: runs,
      accept: () => true,
      sync: () => {
        syncs++;
        return new Promise<void>((resolve) => done.push(resolve));
      },
    });
    watcher.emit("change", path.join(runs, "p/a/history.csv"));
    watcher.emit("change", path.join(runs, "p/a/history.csv"));
    expect(syncs).toBe(1);
    done[0]!();
    await settle();
    expect(syncs).toBe(2);
  });
  it("names the files changed since the last refresh, or none once a file was added or removed", async () => {
    const { asked, finish } = recordingRefresh();
    const watcher = new FakeWatcher();
    sourceFollower("runfolio-runs", now)(contextWith(watcher), { dir: runs, accept: () => true, sync: async () => {} });
    const a = path.join(runs, "p/a/history.csv");
    const b = path.join(runs, "p/b/history.csv");
    watcher.emit("change", a);
    expect(refreshOf(contextWith(watcher, asked[0]!.context))).toEqual({ files: [a] });
    // changes during a refresh: the next one names them, each once
    watcher.emit("change", b);
    watcher.emit("change", a);
    watcher.emit("change", b);
    finish[0]!();
    await settle();
    expect(refreshOf(contextWith(watcher, asked[1]!.context))).toEqual({ files: [b, a] });
    watcher.emit("change", a);
    watcher.emit("add", path.join(runs, "p/c/run.json"));
    finish[1]!();
    await settle();
    expect(refreshOf(contextWith(watcher, asked[2]!.context))).toEqual({ files: null });
    expect(refreshOf(contextWith(watcher))).toBeNull();
  });

  it("asks again when Astro skipped the refresh (its content config was reloading), a bounded number of times", async () => {
    const { asked, finish } = recordingRefresh((n) => n <= 2);
    const watcher = new FakeWatcher();
    sourceFollower("runfolio-runs", now)(contextWith(watcher), { dir: runs, accept: () => true, sync: async () => {} });
    watcher.emit("change", path.join(runs, "p/a/history.csv"));
    expect(asked.length).toBe(1);
    finish[0]!();
    await settle();
    expect(asked.length).toBe(2);
    // the same files again
    expect(asked[1]!.context).toMatchObject({ "runfolio:changed-files": [path.join(runs, "p/a/history.csv")] });
    finish[1]!();
    await settle();
    expect(asked.length).toBe(3);
    finish[2]!();
    await settle();
    expect(asked.length).toBe(3);

    const never = recordingRefresh(() => true);
    watcher.emit("change", path.join(runs, "p/a/history.csv"));
    for (let i = 0; i < 10; i++) {
      never.finish[i]?.();
      await settle();
    }
    expect(never.asked.length).toBe(6);
  });
});
