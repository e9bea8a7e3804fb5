import { describe, expect, it } from "vitest";
import { noteRunsChanged, recentRunChanges } from "../core/live/runChanges.ts";
import { liveRunsPayload, RUNS_CHANGED_EVENT } from "./liveRuns.ts";

describe("liveRunsPayload", () => {
  it("turns a full reload that follows run changes into the runs-changed event", () => {
    expect(liveRunsPayload({ type: "full-reload", path: "*" }, () => ["p/a", "p/b"])).toEqual({ type: "custom", event: RUNS_CHANGED_EVENT, data: { ids: ["p/a", "p/b"] } });
    expect(liveRunsPayload({ type: "full-reload" }, () => ["p/a"])).toEqual({ type: "custom", event: RUNS_CHANGED_EVENT, data: { ids: ["p/a"] } });
  });
  it("passes every other payload, and reloads with no run change, through unchanged", () => {
    const reload = { type: "full-reload", path: "*" };
    expect(liveRunsPayload(reload, () => null)).toBe(reload);
    const page = { type: "full-reload", path: "/src/pages/index.astro" };
    expect(liveRunsPayload(page, () => ["p/a"])).toBe(page);
    const update = { type: "update", updates: [] };
    expect(liveRunsPayload(update, () => ["p/a"])).toBe(update);
    expect(liveRunsPayload(null, () => ["p/a"])).toBe(null);
  });
});

describe("run change notes", () => {
  it("explain every reload within the window, sorted and without repeats, then expire", () => {
    recentRunChanges(Number.MAX_SAFE_INTEGER);
    noteRunsChanged(["p/b", "p/a"], 1000);
    noteRunsChanged(["p/a"], 3000);
    noteRunsChanged([], 9000);
    expect(recentRunChanges(4000, 5000)).toEqual(["p/a", "p/b"]);
    expect(recentRunChanges(5000, 5000)).toEqual(["p/a", "p/b"]);
    expect(recentRunChanges(7000, 5000)).toEqual(["p/a"]);
    expect(recentRunChanges(9000, 5000)).toBeNull();
  });
});
