import { describe, expect, it } from "vitest";
import { makeRun } from "../../../tests/helpers/testRuns.ts";
import { parseExpression } from "../query/index.ts";
import { exploreRuns } from "./exploreRuns.ts";
import { EMPTY_EXPLORER_STATE, explorerQueryFor, expressionString, formatExplorerState, parseExplorerState, type ExplorerState } from "./explorerState.ts";
import { systemInfo } from "./systemInfo.ts";

describe("parseExplorerState(search) / formatExplorerState(state)", () => {
  it("round-trips every part of the view", () => {
    const state: ExplorerState = {
      q: 'config.lr >= 1e-4 and tags has "a,b"',
      projects: ["nanogpt"],
      states: ["finished", "crashed"],
      columns: ["name", "summary.val/loss", "config.`lr-schedule`"],
      sort: { key: "summary.val/loss", descending: true },
      page: 2,
      selected: ["nanogpt/a", "odd/x,y"],
    };
    const q = formatExplorerState(state);
    expect(q).toBe(
      "?q=config.lr%20%3E%3D%201e-4%20and%20tags%20has%20%22a%2Cb%22&project=nanogpt&state=finished,crashed" +
        "&cols=name,summary.val/loss,config.%60lr-schedule%60&sort=-summary.val/loss&page=2&sel=nanogpt/a,odd/x%2Cy",
    );
    expect(parseExplorerState(q)).toEqual(state);
  });

  it("gives the default view for an empty or odd query", () => {
    expect(formatExplorerState(EMPTY_EXPLORER_STATE)).toBe("");
    expect(parseExplorerState("")).toEqual(EMPTY_EXPLORER_STATE);
    expect(parseExplorerState("?page=-3&sort=&q=%E0%A4%A")).toEqual({ ...EMPTY_EXPLORER_STATE, q: "%E0%A4%A" });
    expect(parseExplorerState("?q=a+%3D+1").q).toBe("a = 1");
  });

  it("links a tag or group filter as the explorer's `q`", () => {
    expect(explorerQueryFor(`group = ${expressionString("lr=3e-4")}`)).toBe("?q=group%20%3D%20%22lr%3D3e-4%22");
    expect(expressionString('say "hi" \\')).toBe('"say \\"hi\\" \\\\"');
    const parsed = parseExpression(`tags has ${expressionString('a "quoted" \\ tag')}`);
    expect(parsed.ok).toBe(true);
  });
});

describe("exploreRuns(runs, state, expr, opts)", () => {
  const runs = [
    makeRun("a/1", { state: "finished", config: { lr: 1 } }),
    makeRun("a/2", { state: "crashed", config: { lr: 2 } }),
    makeRun("b/1", { state: "finished", config: { lr: 3 } }),
    makeRun("b/2", { state: "finished" }),
  ];
  const opts = { pageSize: 2, allProjects: ["a", "b"], allStates: ["finished", "crashed"] };

  it("filters by expression and facets, counting each facet under the other filters", () => {
    const parsed = parseExpression("config.lr >= 2");
    if (!parsed.ok) throw new Error(parsed.error.message);
    const view = exploreRuns(runs, { ...EMPTY_EXPLORER_STATE, states: ["finished"] }, parsed.expr, opts);
    expect(view.runs.map((r) => r.id)).toEqual(["b/1"]);
    expect(view.projects).toEqual([{ value: "a", count: 0 }, { value: "b", count: 1 }]);
    expect(view.states).toEqual([{ value: "finished", count: 1 }, { value: "crashed", count: 1 }]);
  });

  it("sorts with gaps last and pages, clamping the page", () => {
    const view = exploreRuns(runs, { ...EMPTY_EXPLORER_STATE, sort: { key: "config.lr", descending: true }, page: 9 }, null, opts);
    expect(view.runs.map((r) => r.id)).toEqual(["b/1", "a/2", "a/1", "b/2"]);
    expect([view.page, view.pages, view.pageRuns.map((r) => r.id)]).toEqual([2, 2, ["a/1", "b/2"]]);
  });
});

describe("systemInfo(config)", () => {
  it("finds machine keys at the top level and in system sections", () => {
    expect(systemInfo({ lr: 1, gpu: "A100", system: { host: "n1", cuda: "12.4" }, model: { os: "no" } })).toEqual([
      ["gpu", "A100"],
      ["system.cuda", "12.4"],
      ["system.host", "n1"],
    ]);
    expect(systemInfo({ lr: 1 })).toEqual([]);
  });
});
