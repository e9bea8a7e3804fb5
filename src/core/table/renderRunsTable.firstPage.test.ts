import { describe, expect, it } from "vitest";
import { makeRun } from "../../../tests/helpers/testRuns.ts";
import type { Run } from "../run.ts";
import type { FieldPath } from "../query/ast.ts";
import { getField, parseFieldPath } from "../query/fieldPath.ts";
import { renderRunsTableWithPayload, type RunsTableInput, type TableColumn } from "./renderRunsTable.ts";
import { RUNS_PAGE_SIZE, runCell } from "./runCell.ts";

const runs: Run[] = Array.from({ length: 250 }, (_, i) =>
  makeRun(`p/run-${String(i).padStart(3, "0")}`, { state: i % 7 ? "finished" : "crashed", config: { lr: i / 1000 }, summary: { loss: 3 - i / 100 } }),
);
const path = (key: string): FieldPath => {
  const p = parseFieldPath(key);
  if (!p.ok) throw new Error(key);
  return p.path;
};
const columns: TableColumn[] = ["name", "state", "config.lr", "summary.loss"].map((key) => ({ label: key, key, value: (r: Run) => getField(r, path(key)) }));
columns[3]!.best = new Set(["p/run-249"]);
const input = (over: Partial<RunsTableInput> = {}): RunsTableInput => ({
  id: "table-1",
  columns,
  runs,
  hrefForRun: (id) => `/runs/${id}/`,
  interactive: true,
  allRunsHref: "/runs/",
  ...over,
});
const rowCount = (html: string) => html.match(/<tr data-run=/g)?.length ?? 0;

describe("a long interactive runs table", () => {
  it("holds only its first page of rows, every run in its payload, and says so without the script", () => {
    const { html, payload } = renderRunsTableWithPayload(input());
    expect(rowCount(html)).toBe(RUNS_PAGE_SIZE);
    expect(html).toContain('<tr data-run="p/run-099">');
    expect(html).not.toContain('data-run="p/run-100"');
    expect(payload!.runs.map((r) => r.id)).toEqual(runs.map((r) => r.id));
    expect(payload!.rest!.hrefs[200]).toBe("/runs/p/run-200/");
    expect(payload!.rest!.best).toEqual([null, null, null, ["p/run-249"]]);
    expect(html).toContain('<p class="rf-table-note rf-table-more">100 of 250 runs; the others show with JavaScript. See every run in the <a href="/runs/">runs explorer</a>.</p>');
  });

  it("carries site paths in the payload and the rows file with sitePathForRun, while the HTML keeps hrefForRun's links", () => {
    const files: string[] = [];
    const { html, payload } = renderRunsTableWithPayload(
      input({ hrefForRun: (id) => `/base/runs/${id}/`, sitePathForRun: (id) => `runs/${id}/`, dataFile: (text) => (files.push(text), "/base/data/blocks/x.json") }),
    );
    expect(html).toContain('<a href="/base/runs/p/run-000/">');
    expect(payload!.rest!.hrefs[99]).toBe("runs/p/run-099/");
    const file = JSON.parse(files[0]!) as { hrefs: string[] };
    expect(file.hrefs[0]).toBe("runs/p/run-100/");
    expect(file.hrefs.length).toBe(150);
    expect(files.join("")).not.toContain("/base/");
  });

  it("keeps the first page's rows exactly as a table of those runs alone draws them", () => {
    const cut = renderRunsTableWithPayload(input()).html;
    const whole = renderRunsTableWithPayload(input({ interactive: false })).html;
    const rowsOf = (html: string) => html.match(/<tr data-run=.*?<\/tr>/g)!;
    expect(rowsOf(cut)).toEqual(rowsOf(whole).slice(0, RUNS_PAGE_SIZE));
  });

  it("gives the script the same cell text, classes and link the build draws", () => {
    const run = runs[249]!;
    expect(runCell("name", { kind: "auto" }, run.name, null, false, "/runs/p/run-249/")).toMatchObject({ header: true, href: "/runs/p/run-249/", text: run.name });
    expect(runCell("summary.loss", { kind: "auto" }, 0.51, null, true, "x")).toMatchObject({ header: false, href: null, className: "num rf-best", best: true });
    expect(runCell("state", { kind: "auto" }, "crashed", null, false, "x").className).toBe("state state-crashed");
  });

  it("draws every row where the script could not: short, grouped, not interactive, or a value the payload lacks", () => {
    expect(rowCount(renderRunsTableWithPayload(input({ runs: runs.slice(0, RUNS_PAGE_SIZE) })).html)).toBe(RUNS_PAGE_SIZE);
    expect(rowCount(renderRunsTableWithPayload(input({ groups: [{ label: "all", runs }] })).html)).toBe(250);
    expect(rowCount(renderRunsTableWithPayload(input({ interactive: false })).html)).toBe(250);
    const derived: TableColumn = { label: "x", key: "summary.loss", value: (r) => (getField(r, path("summary.loss")) as number) * 2 };
    const { html, payload } = renderRunsTableWithPayload(input({ columns: [...columns, derived] }));
    expect(rowCount(html)).toBe(250);
    expect(payload!.rest).toBeUndefined();
    expect(html).not.toContain("rf-table-more");
  });
});
