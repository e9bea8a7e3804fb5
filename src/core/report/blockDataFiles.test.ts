import { describe, expect, it } from "vitest";
import { makeRun } from "../../../tests/helpers/testRuns.ts";
import type { History, Run } from "../run.ts";
import type { RunsFile, TablePayload } from "../table/renderRunsTable.ts";
import { RUNS_PAGE_SIZE } from "../table/runCell.ts";
import { INLINE_CHART_PAYLOAD_BYTES, moveChartPayloads } from "./blockDataFiles.ts";
import { compileReport } from "./compileReport.ts";
import { parseReport } from "./parseReport.ts";

const STEPS = 400;
const runs: Run[] = Array.from({ length: 150 }, (_, i) =>
  makeRun(`p/run-${String(i).padStart(3, "0")}`, { metrics: ["loss"], steps: STEPS, config: { lr: [1e-3, 1e-2][i % 2] }, summary: { loss: (i * 37) % 101 } }),
);
const history = (run: Run): History => {
  const k = runs.indexOf(run) + 1;
  const step = Float64Array.from({ length: STEPS }, (_, i) => i);
  return { step, time: null, metrics: { loss: step.map((s) => 3 / (1 + s / (10 * k)) + ((s * k) % 7) / 100) } };
};
const body =
  "---\ntitle: R\n---\n\n```chart\ny: loss\nruns: config.lr = 0.001\n```\n\n" +
  '```chart\nkind: scalar\ny: summary.loss\nruns: name = "run-001"\n```\n\n' +
  "```runs\ncolumns: [name, config.lr, summary.loss]\n```\n";

async function compile(dataFile?: (text: string) => string) {
  const report = parseReport("reports/r.md", body);
  return compileReport(report, {
    runs,
    readHistory: async (run) => history(run),
    colors: new Map(),
    hrefForRun: (id) => `/runs/${id}/`,
    render: true,
    ...(dataFile ? { dataFile } : {}),
  });
}

const scriptText = (html: string, cls: string): string[] => [...html.matchAll(new RegExp(`<script type="application/json" class="${cls}"[^>]*>([^<]*)</script>`, "g"))].map((m) => m[1]!);
const scriptFile = (html: string, cls: string): (string | null)[] =>
  [...html.matchAll(new RegExp(`<script type="application/json" class="${cls}"( data-file="([^"]*)")?>`, "g"))].map((m) => m[2] ?? null);

describe("block data files", () => {
  it("moves a large chart payload and a long table's later rows out of the page, byte for byte", async () => {
    const inline = await compile();
    const files = new Map<string, string>();
    const moved = await compile((text) => {
      const url = `/data/blocks/f${files.size}.json`;
      files.set(url, text);
      return url;
    });
    expect(inline.diagnostics).toEqual([]);
    const [inlineChart] = scriptText(inline.html, "rf-chart-data");
    const [movedChart] = scriptText(moved.html, "rf-chart-data");
    expect(inlineChart!.length).toBeGreaterThan(INLINE_CHART_PAYLOAD_BYTES);
    // The page holds a reference; the file holds what the page held before, so the chart reads the same values.
    expect(movedChart).toBe("");
    expect(scriptFile(inline.html, "rf-chart-data")).toEqual([null]);
    const [file] = scriptFile(moved.html, "rf-chart-data");
    expect(files.get(file!)).toBe(inlineChart);
    expect(moved.html.length).toBeLessThan(inline.html.length - inlineChart!.length + 200);
    // The static chart stays in the page.
    expect(moved.blocks[0]!.html).toContain(moved.blocks[0]!.svg);
    expect(moved.blocks[0]!.svg).toBe(inline.blocks[0]!.svg);

    // The runs table: the first page in the page, the rest in a file; together, every row in order.
    const inlineTable = JSON.parse(scriptText(inline.html, "rf-table-data")[0]!) as TablePayload;
    const movedTable = JSON.parse(scriptText(moved.html, "rf-table-data")[0]!) as TablePayload;
    expect(inlineTable.more).toBeUndefined();
    expect(inlineTable.runs).toHaveLength(150);
    expect(movedTable.runs).toHaveLength(RUNS_PAGE_SIZE);
    expect(movedTable.more!.runs).toBe(150 - RUNS_PAGE_SIZE);
    const [tableFile] = scriptFile(moved.html, "rf-table-data");
    expect(scriptFile(inline.html, "rf-table-data")).toEqual([null]);
    const rest = JSON.parse(files.get(tableFile!)!) as RunsFile;
    expect([...movedTable.runs, ...rest.runs]).toEqual(inlineTable.runs);
    expect([...movedTable.rest!.hrefs, ...rest.hrefs]).toEqual(inlineTable.rest!.hrefs);
    expect(movedTable.rest!.best).toEqual(inlineTable.rest!.best);
    expect(moved.html.match(/<tr data-run=/g)).toHaveLength(RUNS_PAGE_SIZE);
    expect(files.size).toBe(2);
  });

  it("keeps small payloads inline and publishes the same bytes under the same name", () => {
    const small = `<figure><script type="application/json" class="rf-chart-data">{"data":{"series":[]}}</script></figure>`;
    const published: string[] = [];
    expect(moveChartPayloads(small, (t) => (published.push(t), "/x.json"))).toBe(small);
    expect(published).toEqual([]);
    const json = JSON.stringify({ data: { series: [{ y: "9".repeat(INLINE_CHART_PAYLOAD_BYTES) }] }, note: "\\u003c/script>" });
    const big = `<figure><script type="application/json" class="rf-chart-data">${json}</script></figure>`;
    const out = moveChartPayloads(big, (t) => (published.push(t), "/data/blocks/a.json"));
    expect(out).toBe(`<figure><script type="application/json" class="rf-chart-data" data-file="/data/blocks/a.json"></script></figure>`);
    expect(published).toEqual([json]);
  });
});
