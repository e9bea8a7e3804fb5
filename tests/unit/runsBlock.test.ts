import { parse as parseHtml } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { parseBlock } from "../../src/core/report/parseBlock.ts";
import { formatDiagnostic } from "../../src/core/diagnostics.ts";
import { makeRun } from "../helpers/testRuns.ts";
import { renderBlock } from "../../src/core/report/renderBlock.ts";
import type { History, Run } from "../../src/core/run.ts";
import { resolveColumns } from "../../src/core/table/resolveColumns.ts";
import type { TablePayload } from "../../src/core/table/renderRunsTable.ts";
import { parseYamlWithPositions } from "../../src/core/yaml/parseYamlWithPositions.ts";

const runs: Run[] = [
  makeRun("p/a", {
    created: "2026-01-01T00:00:00Z",
    config: { optimizer: { lr: 1e-3, name: "adamw" }, seed: 1 },
    summary: { "val/loss": 2.5, "val/acc": 0.91, "train/loss": 2.0 },
    metrics: ["train/loss"],
    steps: 3,
  }),
  makeRun("p/b", {
    created: "2026-01-03T00:00:00Z",
    config: { optimizer: { lr: 1e-3, name: "adamw" }, seed: 2 },
    summary: { "val/loss": 2.3, "val/acc": 0.93, "train/loss": null },
    metrics: ["train/loss"],
    steps: 3,
  }),
  makeRun("p/c", {
    created: "2026-01-02T00:00:00Z",
    config: { optimizer: { lr: 1e-4, name: "sgd" }, seed: 1 },
    summary: { "val/loss": 2.9, "val/acc": 0.88 },
  }),
];

const history: History = {
  step: Float64Array.from([0, 10, 20]),
  time: null,
  metrics: { "train/loss": Float64Array.from([3, 2.4, 2]) },
};

const region = (text: string) => ({ file: "reports/t.md", text, firstLine: 10, indent: 0 });

async function render(text: string) {
  const parsed = parseBlock("runs", region(text));
  expect(parsed.diagnostics.map(formatDiagnostic)).toEqual([]);
  const out = await renderBlock(parsed.block!, 0, {
    runs,
    defaultRunSet: null,
    readHistory: async () => history,
    colors: new Map(),
    hrefForRun: (id) => `/runs/${id}/`,
    render: true,
  });
  return { ...out, doc: parseHtml(out.html), errors: out.diagnostics.map(formatDiagnostic) };
}

function columns(yamlText: string) {
  const yaml = parseYamlWithPositions(yamlText);
  const specs = (yaml.value as { columns: unknown[] }).columns;
  const out = resolveColumns(specs, runs, { region: region(yamlText), yaml });
  return { ...out, errors: out.diagnostics.map(formatDiagnostic) };
}

describe("resolveColumns(specs, runs, source)", () => {
  it("expands globs into sorted dotted paths, skipping columns listed explicitly", () => {
    const { columns: cols, errors } = columns("columns: [name, config.*, config.seed]");
    expect(errors).toEqual([]);
    expect(cols.map((c) => c.key)).toEqual(["name", "config.optimizer.lr", "config.optimizer.name", "config.seed"]);
    expect(cols.map((c) => c.label)).toEqual(["name", "optimizer.lr", "optimizer.name", "seed"]);
  });

  it("expands metric globs with slashes and MLflow aliases", () => {
    const { columns: cols } = columns("columns: ['metrics.val/*']");
    expect(cols.map((c) => c.key)).toEqual(["summary.val/acc", "summary.val/loss"]);
  });

  it("renames with a one-key mapping and formats with the full mapping", () => {
    const { columns: cols, errors } = columns(
      'columns:\n  - lr: config.optimizer.lr\n  - { field: summary.val/acc, format: percent, digits: 3, label: val acc }\n  - { field: summary.val/loss, unit: nats }\n  - { sparkline: train/loss }',
    );
    expect(errors).toEqual([]);
    expect(cols.map((c) => [c.kind, c.key, c.label, c.unit, c.format])).toEqual([
      ["field", "config.optimizer.lr", "lr", null, { kind: "auto" }],
      ["field", "summary.val/acc", "val acc", "%", { kind: "percent", digits: 3 }],
      ["field", "summary.val/loss", "val/loss", "nats", { kind: "auto" }],
      ["sparkline", "train/loss", "train/loss", null, { kind: "number" }],
    ]);
  });

  it("reports each bad column at its key or value", () => {
    const { errors } = columns(
      [
        "columns:",
        "  - { field: summary.val/acc, fromat: percent }",
        "  - { field: summary.val/acc, format: percnt }",
        "  - { field: summary.val/acc, digits: 0 }",
        "  - { label: x }",
        "  - config.nope*",
        "  - name.*",
        "  - { field: 'config.*', label: all }",
        "  - { sparkline: train/los }",
        "  - lr: 3",
        "  - [a]",
      ].join("\n"),
    );
    expect(errors.map((e) => e.split("\n")[0])).toEqual([
      "reports/t.md:11:31: error TABLE002: unknown key `fromat` in a column",
      "reports/t.md:12:39: error BLOCK005: `columns[1].format` must be one of `number`, `percent`, `duration`, `relative`, `bytes`, found \"percnt\"",
      "reports/t.md:13:39: error BLOCK007: `columns[2].digits` must be a whole number from 1 to 15, found 0",
      "reports/t.md:14:5: error TABLE006: a column mapping needs `field` or `sparkline`",
      "reports/t.md:15:5: error TABLE003: `config.nope*` matches no field of the selected runs",
      "reports/t.md:16:5: error TABLE004: `name.*`: globs work on config and summary keys only",
      "reports/t.md:17:26: error TABLE005: `all` names one column, but `config.*` is a glob",
      "reports/t.md:18:18: error BLOCK009: no selected run has the metric `train/los`",
      "reports/t.md:19:9: error BLOCK004: `columns[8].lr` must be a field path, found 3",
      "reports/t.md:20:5: error TABLE001: a column is a field path, `label: field` or a mapping with `field` or `sparkline`, found a list",
    ]);
    expect(errors[0]).toContain("did you mean `format`?");
    expect(errors[1]).toContain("did you mean `percent`?");
  });
});

describe("renderBlock(runs block): the table", () => {
  it("renders a real table with caption, scoped headers, sort buttons and aria-sort, the sorted column next to the name", async () => {
    const { doc, errors } = await render("title: T\ncolumns: [name, { field: summary.val/acc, format: percent }, summary.val/loss]\nsort: summary.val/loss");
    expect(errors).toEqual([]);
    expect(doc.querySelector("caption")!.text).toBe("T");
    const ths = doc.querySelectorAll("thead th");
    expect(ths.map((th) => th.getAttribute("scope"))).toEqual(["col", "col", "col"]);
    expect(ths.map((th) => th.querySelector("button.rf-sort")?.text)).toEqual(["name", "val/loss", "val/acc (%)"]);
    expect(ths.map((th) => th.getAttribute("aria-sort") ?? null)).toEqual([null, "ascending", null]);
    expect(doc.querySelectorAll("tbody tr").map((tr) => tr.getAttribute("data-run"))).toEqual(["p/b", "p/a", "p/c"]);
    expect(doc.querySelectorAll("tbody tr")[0]!.querySelectorAll("td").map((td) => td.text)).toEqual(["2.3", "93"]);
    expect(doc.querySelector("tbody th[scope=row] a")!.getAttribute("href")).toBe("/runs/p/b/");
  });

  it("embeds the rows' runs (only what expressions read) as JSON in row order", async () => {
    const { doc, shows } = await render("columns: [name]\nsort: -name");
    const payload = shows!.payload as TablePayload;
    // The compiled block's payload is the one its HTML carries for the table script.
    expect(JSON.parse(doc.querySelector("script.rf-table-data")!.text)).toEqual(payload);
    expect(payload.runs.map((r) => r.id)).toEqual(["p/c", "p/b", "p/a"]);
    expect(Object.keys(payload.runs[0]).sort()).toEqual(
      ["config", "created", "duration", "git", "group", "id", "name", "notes", "project", "state", "steps", "summary", "tags"],
    );
    expect(payload.columns).toEqual([{ key: "name", format: { kind: "auto" }, sortable: true }]);
    expect(doc.querySelector("[data-runfolio-table] .rf-table-tools")!.hasAttribute("hidden")).toBe(true);
  });

  it("sorts by a renamed column's label", async () => {
    const { doc, errors } = await render("columns: [name, lr: config.optimizer.lr, seed: config.seed]\nsort: [-lr, -seed]");
    expect(errors).toEqual([]);
    expect(doc.querySelectorAll("tbody tr").map((tr) => tr.getAttribute("data-run"))).toEqual(["p/b", "p/a", "p/c"]);
  });

  it("marks the best cell per highlighted column with a class and hidden text", async () => {
    const { doc, errors } = await render(
      "columns: [name, summary.val/loss, acc: summary.val/acc]\nhighlight: { min: summary.val/loss, max: [acc] }",
    );
    expect(errors).toEqual([]);
    const best = doc.querySelectorAll("td.rf-best");
    expect(best.map((td) => [td.parentNode!.getAttribute("data-run"), td.text])).toEqual([
      ["p/b", "2.3 (best)"],
      ["p/b", "0.93 (best)"],
    ]);
    expect(best[0]!.querySelector(".rf-sr")!.text).toBe(" (best)");
  });

  it("reports highlight fields that are not columns", async () => {
    const parsed = parseBlock("runs", region("columns: [name, summary.val/loss]\nhighlight: { max: summary.val/acc, min: [name] }"));
    const out = await renderBlock(parsed.block!, 0, { runs, defaultRunSet: null, readHistory: async () => history, colors: new Map(), hrefForRun: (id) => id, render: false });
    expect(out.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(["11:19 TABLE007", "11:42 TABLE008"]);
  });

  it("groups rows with a mean ± std and n row per group", async () => {
    const { doc, errors } = await render("columns: [name, summary.val/loss, { field: summary.val/acc, format: percent }]\ngroup_by: config.optimizer.lr");
    expect(errors).toEqual([]);
    const groups = doc.querySelectorAll("tbody.rf-group");
    expect(groups.map((g) => g.querySelector("tr.rf-group-row th")!.text)).toEqual(["optimizer.lr = 1e-4 · 1 run", "optimizer.lr = 0.001 · 2 runs"]);
    expect(groups.map((g) => g.querySelectorAll("tr[data-run]").map((tr) => tr.getAttribute("data-run")))).toEqual([["p/c"], ["p/a", "p/b"]]);
    const agg = groups[1]!.querySelector("tr.rf-agg")!;
    expect(agg.querySelectorAll("th, td").map((c) => c.text)).toEqual(["mean ± std", "2.4 ± 0.1414 n=2", "92 ± 1.414 n=2"]);
    expect(groups[1]!.querySelector("tr.rf-group-row th")!.getAttribute("scope")).toBe("rowgroup");
  });

  it("draws sparklines from histories, a gap for runs without the metric", async () => {
    const { doc, errors } = await render("columns: [name, { sparkline: train/loss, label: train loss }]");
    expect(errors).toEqual([]);
    const cells = doc.querySelectorAll("tbody tr").map((tr) => tr.querySelectorAll("td")[0]!);
    expect(cells[0]!.querySelector("svg")!.getAttribute("aria-label")).toBe("train/loss: 3 → 2");
    expect(cells[2]!.text).toBe("—");
    expect(doc.querySelectorAll("thead th")[1]!.querySelector("button")).toBeNull();
  });

  it("shows relative times against the newest created in the table", async () => {
    const { doc } = await render("columns: [name, { field: created, format: relative }]\nsort: name");
    expect(doc.querySelectorAll("tbody tr").map((tr) => tr.querySelectorAll("td")[0]!.text)).toEqual(["2 days earlier", "newest", "1 day earlier"]);
  });
});
