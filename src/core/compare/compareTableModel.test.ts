import { parse as parseHtml } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { compareBlockSchema } from "../blocks/compareBlockSchema.ts";
import { runIndex } from "../explore/runData.ts";
import { makeRun } from "../../../tests/helpers/testRuns.ts";
import { jsonForScript } from "../render/escapeHtml.ts";
import type { BlockContext } from "../blocks/blockTypes.ts";
import { renderCompareBlock } from "../report/renderCompareBlock.ts";
import type { Run } from "../run.ts";
import { runPath } from "../paths/runPath.ts";
import { parseYamlWithPositions } from "../yaml/parseYamlWithPositions.ts";
import { compareRuns, formatDelta } from "./compareRuns.ts";
import { formatCompareState, parseCompareState } from "./compareState.ts";
import { compareCellClass, compareTableModel, type CompareTableModel } from "./compareTableModel.ts";

const BASE = "/exp/";
const hrefForRun = (id: string) => BASE + runPath(id);

// Values that could read differently at build (the Run as loaded) and in the browser (the Run
// after JSON): non-finite numbers in config, missing keys, nulls, HTML-looking text, odd ids.
const runs: Run[] = [
  makeRun("nanogpt/a b", {
    name: "<b>α</b> & co",
    tags: ["sweep", "baseline"],
    created: "2026-03-04T05:06:07Z",
    duration: 4000,
    steps: 5000,
    config: { optimizer: { lr: 3e-4, clip: Infinity, betas: [0.9, 0.95] }, seed: 1, only_a: "x", tree_or_leaf: 1 },
    summary: { "val/loss": 3, acc: 0, same: 7, "val/ppl": null },
  }),
  makeRun("nanogpt/run#2?x=%41", {
    name: "run #2",
    state: "crashed",
    duration: 61,
    steps: 4000,
    config: { optimizer: { lr: 1e-3, clip: 1, betas: [0.9, 0.95] }, seed: 2, tree_or_leaf: { a: 1 } },
    summary: { "val/loss": 2.7, acc: 0.5, same: 7, "val/ppl": 15 },
  }),
  makeRun("nanogpt/sub/日本語", {
    name: "日本語",
    group: "g",
    config: { optimizer: { lr: 3e-4, clip: NaN, betas: [0.9, 0.99] }, seed: 3 },
    summary: { "val/loss": 3.3, acc: 0, same: 7 },
  }),
];

describe("compareTableModel(result, opts)", () => {
  const model = compareTableModel(compareRuns(runs), { show: "differing", hrefForRun });
  const row = (m: CompareTableModel, key: string) => m.sections.flatMap((s) => s.rows).find((r) => r.key === key)!;

  it("gives a column per run, linked with the caller's base, the first marked as the reference", () => {
    expect(model.keyHeader).toBe("key");
    expect(model.columns).toEqual([
      { runId: "nanogpt/a b", name: "<b>α</b> & co", href: "/exp/runs/nanogpt/a%20b/", marker: "reference" },
      { runId: "nanogpt/run#2?x=%41", name: "run #2", href: "/exp/runs/nanogpt/run%232%3Fx%3D%2541/", marker: null },
      { runId: "nanogpt/sub/日本語", name: "日本語", href: "/exp/runs/nanogpt/sub/%E6%97%A5%E6%9C%AC%E8%AA%9E/", marker: null },
    ]);
  });

  it("keeps only differing rows, in sections run, config, summary, with titles", () => {
    expect(model.sections.map((s) => [s.title, s.rows.map((r) => r.label)])).toEqual([
      ["Run", ["state", "group", "tags", "created", "duration", "steps"]],
      ["Config", ["only_a", "optimizer.betas", "optimizer.clip", "optimizer.lr", "seed", "tree_or_leaf", "tree_or_leaf.a"]],
      ["Summary", ["acc", "val/loss", "val/ppl"]],
    ]);
    expect(model.note).toBe("16 of 18 keys differ; keys with the same value in every run are not shown.");
    expect(model.empty).toBeNull();
    const all = compareTableModel(compareRuns(runs), { show: "all", hrefForRun });
    expect(all.sections.flatMap((s) => s.rows).length).toBe(18);
    expect(all.note).toBe("16 of 18 keys differ.");
  });

  it("formats cells as text, with deltas against the reference, gaps and missing keys told apart", () => {
    const text = (key: string) => row(model, key).cells.map((c) => c.text);
    expect(text("tags")).toEqual(["sweep, baseline", "—", "—"]);
    expect(text("created")).toEqual(["2026-03-04 05:06 UTC", "—", "—"]);
    expect(text("duration")).toEqual(["1h 06m", "1m 01s", "—"]);
    expect(text("config.only_a")).toEqual(["x", "not set", "not set"]);
    // A key that is a leaf in one run and a tree in another: the tree as JSON, and its leaves as rows.
    expect(text("config.tree_or_leaf")).toEqual(["1", '{"a":1}', "not set"]);
    expect(text("config.tree_or_leaf.a")).toEqual(["not set", "1", "not set"]);
    expect(text("summary.val/ppl")).toEqual(["—", "15", "not set"]);
    const lr = row(model, "config.optimizer.lr").cells;
    expect(lr.map((c) => c.delta)).toEqual([null, { text: "+7e-4 (+233%)", direction: "up" }, null]);
    expect(row(model, "summary.val/loss").cells.map((c) => c.delta?.text ?? null)).toEqual([null, "\u22120.3 (\u221210%)", "+0.3 (+10%)"]);
    expect(row(model, "summary.val/loss").cells[1]!.delta!.direction).toBe("down");
    expect(row(model, "summary.acc").cells[1]!.delta!.text).toBe("+0.5");
    // 9.999…% rounds to two digits as "10", not "1".
    expect(formatDelta({ abs: -0.3, pct: -9.999999999999998 })).toBe("\u22120.3 (\u221210%)");
  });

  it("classes finite numbers as numeric and every kind of gap as a gap", () => {
    expect(row(model, "config.optimizer.clip").cells.map((c) => [c.text, compareCellClass(c)])).toEqual([
      ["—", "gap"],
      ["1", "num"],
      ["—", "gap"],
    ]);
    expect(row(model, "config.only_a").cells.map(compareCellClass)).toEqual(["", "gap", "gap"]);
  });

  it("says so when no key differs", () => {
    const same = compareTableModel(compareRuns([runs[0]!, { ...runs[0]!, id: "nanogpt/copy" }]), { show: "differing", hrefForRun });
    expect(same.sections).toEqual([]);
    expect(same.empty).toBe("No key differs between these runs.");
    expect(same.note).toBe("0 of 17 keys differ; keys with the same value in every run are not shown.");
  });
});

/** What a reader sees in a compare table, read from its markup. */
function tableText(root: ReturnType<typeof parseHtml>) {
  const table = root.querySelector("table.rf-compare")!;
  return {
    empty: root.querySelector(".rf-empty")?.textContent ?? null,
    head: table.querySelectorAll("thead th").map((th) => [th.textContent, th.querySelector("a")?.getAttribute("href") ?? null]),
    body: table.querySelectorAll("tbody tr").map((tr) => [
      tr.getAttribute("class") ?? "",
      tr.querySelector("th")!.getAttribute("title") ?? null,
      ...tr.querySelectorAll("th, td").map((c) => `${c.getAttribute("class") ?? ""}|${c.textContent}`),
    ]),
  };
}

/** The page's table as its DOM renderer (src/client/compare.ts) builds it from the model. */
function pageTableText(model: CompareTableModel) {
  return {
    empty: model.empty,
    head: [[model.keyHeader, null], ...model.columns.map((c) => [c.marker ? `${c.name} ${c.marker}` : c.name, c.href])],
    body: model.sections.flatMap((s) => [
      ["rf-compare-section", null, `|${s.title}`],
      ...s.rows.map((r) => [r.differs ? "differs" : "", r.key, `|${r.label}`, ...r.cells.map((c) => `${compareCellClass(c)}|${c.text}${c.delta ? ` ${c.delta.text}` : ""}`)]),
    ]),
  };
}

describe("the compare block and the compare page, for the same runs", () => {
  const ctx: BlockContext = {
    runs,
    defaultRunSet: null,
    readHistory: async () => ({ step: new Float64Array(0), time: null, metrics: {} }),
    colors: new Map(),
    hrefForRun,
    render: true,
  };
  // The page reads the runs from the JSON embedded in it and their order from its URL.
  const pageRuns = (show: "differing" | "all") => {
    const embedded = (JSON.parse(jsonForScript(runIndex(runs))) as { runs: Run[] }).runs;
    const state = parseCompareState(formatCompareState({ runs: runs.map((r) => r.id), show }));
    return { runs: state.runs.map((id) => embedded.find((r) => r.id === id)!), show: state.show };
  };

  it.each(["differing", "all"] as const)("build the same model and show the same text (show: %s)", async (show) => {
    const block = await blockHtml(`show: ${show}\n`, ctx);
    const page = pageRuns(show);
    const pageModel = compareTableModel(compareRuns(page.runs), { show: page.show, hrefForRun });
    expect(pageModel).toEqual(compareTableModel(compareRuns(runs), { show, hrefForRun }));

    const doc = parseHtml(block);
    expect(tableText(doc)).toEqual(pageTableText(pageModel));
    expect(doc.querySelector(".rf-table-note")!.textContent).toBe(pageModel.note);
  });

  it("agree when no key differs", async () => {
    const twins = [runs[0]!, { ...runs[0]!, id: "nanogpt/twin" }];
    const block = await blockHtml("show: differing\n", { ...ctx, runs: twins }, twins);
    const model = compareTableModel(compareRuns(twins), { show: "differing", hrefForRun });
    expect(tableText(parseHtml(block))).toEqual(pageTableText(model));
  });
});

async function blockHtml(yamlText: string, ctx: BlockContext, selected: Run[] = runs): Promise<string> {
  const yaml = parseYamlWithPositions(yamlText);
  const block = { input: compareBlockSchema.parse(yaml.value), yaml, region: { file: "reports/r.md", text: yamlText, firstLine: 1, indent: 0 } };
  const out = await renderCompareBlock(block, 0, selected, ctx);
  expect(out.diagnostics).toEqual([]);
  return out.html;
}
