import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { LoaderContext } from "astro/loaders";
import { notedRunDiagnostics } from "../core/live/runDiagnostics.ts";
import { notedRunRecords } from "../core/live/runRecords.ts";
import { runsLoader } from "./runsLoader.ts";

const root = mkdtempSync(path.join(tmpdir(), "runfolio-loader-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
function write(rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
}

/** A watcher that takes what it is given and fires nothing (the dev server's, for `load`). */
const quietWatcher = { add: () => quietWatcher, on: () => quietWatcher, off: () => quietWatcher };

function fakeContext() {
  const entries = new Map<string, { id: string; data: Record<string, unknown>; digest?: string | number }>();
  const metaMap = new Map<string, string>();
  const logs: string[] = [];
  let parsed = 0;
  const context = {
    collection: "runs",
    store: {
      get: (id: string) => entries.get(id),
      set: (e: { id: string; data: Record<string, unknown>; digest?: string | number }) => (entries.set(e.id, e), true),
      delete: (id: string) => void entries.delete(id),
      keys: () => [...entries.keys()],
    },
    meta: { get: (k: string) => metaMap.get(k), set: (k: string, v: string) => void metaMap.set(k, v), has: (k: string) => metaMap.has(k), delete: (k: string) => void metaMap.delete(k) },
    logger: { warn: (m: string) => logs.push(`warn ${m}`), error: (m: string) => logs.push(`error ${m}`) },
    config: { root: new URL(`file://${root}/`) },
    parseData: async ({ data }: { data: Record<string, unknown> }) => (parsed++, data),
    generateDigest: (s: string) => s.slice(0, 12),
  } as unknown as LoaderContext;
  return { context, entries, metaMap, logs, parsedCount: () => parsed };
}

describe("runsLoader(options)", () => {
  it("in a build, hands every run to the pages and stores one digest of them, which changes with any run", async () => {
    const build = mkdtempSync(path.join(tmpdir(), "runfolio-loader-build-"));
    try {
      const put = (rel: string, text: string) => {
        mkdirSync(path.dirname(path.join(build, rel)), { recursive: true });
        writeFileSync(path.join(build, rel), text);
      };
      put("runs/p/a.json", '{"name": "A"}');
      put("runs/p/b.json", '{"nme": "B"}');
      const { context, entries, logs, parsedCount } = fakeContext();
      const loader = runsLoader({ root: build, failOnError: true });
      await loader.load(context);
      expect(notedRunRecords(build)!.map((r) => [r.id, r.name])).toEqual([["p/a", "A"], ["p/b", "b"]]);
      expect([...entries.keys()]).toEqual(["runfolio:runs"]);
      expect(logs.some((l) => l.startsWith("warn runs/p/b.json:1:2: warning RUN003"))).toBe(true);
      const digests = [entries.get("runfolio:runs")!.digest];

      await loader.load(context);
      expect(entries.get("runfolio:runs")!.digest).toBe(digests[0]);

      rmSync(path.join(build, "runs/p/b.json"));
      put("runs/p/a.json", '{"name": "A2"}');
      await loader.load(context);
      expect(notedRunRecords(build)!.map((r) => [r.id, r.name])).toEqual([["p/a", "A2"]]);
      digests.push(entries.get("runfolio:runs")!.digest);
      expect(new Set(digests).size).toBe(2);
      // the records never go through the store's schema: they are not in it
      expect(parsedCount()).toBe(0);
    } finally {
      rmSync(build, { recursive: true, force: true });
    }
  });

  it("deletes the per-run entries and source notes an older Runfolio stored, without reading them", async () => {
    write("runs/s/a.json", '{"name": "S"}');
    const { context, entries, metaMap } = fakeContext();
    entries.set("s/a", { id: "s/a", data: { json: JSON.stringify({ id: "s/a", name: "stale" }) }, digest: "x" });
    entries.set("s/gone", { id: "s/gone", data: { json: "{}" }, digest: "y" });
    metaMap.set("source:runs/s/a.json", JSON.stringify({ digest: "x", ids: ["s/a"], diagnostics: [] }));
    await runsLoader({ root }).load(context);
    expect([...entries.keys()]).toEqual(["runfolio:runs"]);
    expect(notedRunRecords(root)!.find((r) => r.id === "s/a")).toMatchObject({ name: "S" });
    expect([...metaMap.keys()].filter((k) => k.startsWith("source:"))).toEqual([]);
  });

  it("throws after logging when a run file has an error (build mode)", async () => {
    write("runs/q/bad.json", "{");
    const { context, logs } = fakeContext();
    await expect(runsLoader({ root }).load(context)).rejects.toThrow(/error\(s\) in run files/);
    expect(logs.some((l) => l.startsWith("error runs/q/bad.json:1:1: error RUN001"))).toBe(true);
  });
  it("in the dev server, reads again only the sources of the files a refresh names, and notes the runs and problems for the pages", async () => {
    const dev = mkdtempSync(path.join(tmpdir(), "runfolio-loader-dev-"));
    try {
      const put = (rel: string, text: string) => {
        mkdirSync(path.dirname(path.join(dev, rel)), { recursive: true });
        writeFileSync(path.join(dev, rel), text);
      };
      put("runs/d/a/run.json", '{"name": "A"}');
      put("runs/d/a/history.csv", "step,loss\n0,1\n1,0.5\n");
      put("runs/d/b.json", '{"nme": "B"}');
      put("runs/d/c.json", '{"name": "C"}');
      const { context, entries } = fakeContext();
      const devContext = { ...context, watcher: quietWatcher } as unknown as LoaderContext;
      const loader = runsLoader({ root: dev });
      const record = (id: string) => notedRunRecords(dev)!.find((r) => r.id === id);
      const refresh = (file: string) => ({ ...devContext, refreshContextData: { "runfolio:files-changed": true, "runfolio:changed-files": [path.join(dev, file)] } }) as unknown as LoaderContext;
      await loader.load(devContext);
      expect(notedRunRecords(dev)!.map((r) => r.id)).toEqual(["d/a", "d/b", "d/c"]);
      expect(notedRunDiagnostics(dev)!.map((d) => `${d.file} ${d.code}`)).toEqual(["runs/d/b.json RUN003"]);
      // the store keeps one digest of every run, which changes with any of them
      expect([...entries.keys()]).toEqual(["runfolio:runs"]);
      const digests = [entries.get("runfolio:runs")!.digest];
      const [a, b, c] = ["d/a", "d/b", "d/c"].map(record);

      put("runs/d/a/history.csv", "step,loss\n0,1\n1,0.5\n2,0.25\n");
      put("runs/d/b.json", '{"name": "B"}');
      await loader.load(refresh("runs/d/a/history.csv"));
      // only run a was read again: b's fix waits for its own refresh
      expect(record("d/a")).not.toBe(a);
      expect(record("d/a")).toMatchObject({ steps: 3 });
      expect(record("d/b")).toBe(b);
      expect(record("d/c")).toBe(c);
      expect(notedRunDiagnostics(dev)!.map((d) => d.code)).toEqual(["RUN003"]);
      digests.push(entries.get("runfolio:runs")!.digest);

      await loader.load(refresh("runs/d/b.json"));
      expect(record("d/b")).not.toBe(b);
      expect(record("d/c")).toBe(c);
      expect(notedRunDiagnostics(dev)).toEqual([]);

      // a file no source holds (added): everything is walked again, unchanged sources kept
      put("runs/d/e.json", '{"name": "E"}');
      await loader.load(refresh("runs/d/e.json"));
      expect(notedRunRecords(dev)!.map((r) => r.id)).toEqual(["d/a", "d/b", "d/c", "d/e"]);
      expect(record("d/c")).toBe(c);
      digests.push(entries.get("runfolio:runs")!.digest);
      expect(new Set(digests).size).toBe(3);
    } finally {
      rmSync(dev, { recursive: true, force: true });
    }
  });
});
