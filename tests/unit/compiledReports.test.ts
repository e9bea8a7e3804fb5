import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { Ajv } from "ajv";
import schema from "vega-lite/vega-lite-schema.json" with { type: "json" };
import { beforeAll, describe, expect, it, vi } from "vitest";
import { formatDiagnostic } from "../../src/core/diagnostics.ts";
import { decodeLineChartData, type WireLineChartData } from "../../src/core/chart/lineChartWire.ts";
import { parseReport } from "../../src/core/report/parseReport.ts";
import type { Run } from "../../src/core/run.ts";
import { loadAllRuns, readHistory } from "../../src/core/runs/loadRuns.ts";
import { chartBlocks, compileReport } from "../../src/core/report/compileReport.ts";

/**
 * Golden reports that compile: tests/fixtures/compiled-reports/cases/<case>.md, drawn from the
 * corpus' own runs (runs/), each beside the compiled data that matters (`<case>.expected.json`):
 * diagnostics, and per block its kind, the runs it selected, and what it draws — a line chart's
 * series as the page receives them, a vega chart's vega-lite spec and datasets. `UPDATE=1`
 * rewrites them (never in CI); review the diff. Every vega-lite spec the build compiles, here
 * and in the example reports, must match vega-lite's pinned JSON schema.
 */
const repo = path.resolve(import.meta.dirname, "../..");
const root = path.join(repo, "tests/fixtures/compiled-reports");
const casesDir = path.join(root, "cases");
const update = process.env.UPDATE === "1";
if (update && process.env.CI === "true") throw new Error("UPDATE=1 is refused when CI=true");

interface BlockRecord {
  lang: string;
  /** Run ids of the block's run set, in the order the resolver returned them. */
  selected: string[] | null;
  /** vega-lite specs handed to the compiler while the block rendered. */
  specs: unknown[];
  html: string;
  lineChart?: { runIds: string[]; metrics: string[] };
}

// The spec is observed where every kind hands it to vega-lite, and the run set where the block
// dispatcher resolves it: no expectation is read back from the page under test.
const seen = vi.hoisted(() => ({ blocks: [] as BlockRecord[], current: null as BlockRecord | null }));
vi.mock("../../src/core/chart/compileChart.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/core/chart/compileChart.ts")>();
  return {
    ...actual,
    compileChart: (spec: Parameters<typeof actual.compileChart>[0]) => {
      seen.current?.specs.push(structuredClone(spec));
      return actual.compileChart(spec);
    },
  };
});
vi.mock("../../src/core/report/resolveRunSet.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/core/report/resolveRunSet.ts")>();
  return {
    ...actual,
    resolveRunSet: (...args: Parameters<typeof actual.resolveRunSet>) => {
      const out = actual.resolveRunSet(...args);
      if (seen.current) seen.current.selected = out.runs.map((r) => r.id);
      return out;
    },
  };
});
vi.mock("../../src/core/report/renderBlock.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/core/report/renderBlock.ts")>();
  return {
    ...actual,
    renderBlock: async (...args: Parameters<typeof actual.renderBlock>) => {
      const record: BlockRecord = { lang: args[0].lang, selected: null, specs: [], html: "" };
      seen.current = record;
      try {
        const out = await actual.renderBlock(...args);
        record.html = out.html;
        if (out.lineChart) record.lineChart = { runIds: out.lineChart.runIds, metrics: out.lineChart.metrics };
        return out;
      } finally {
        seen.current = null;
        seen.blocks.push(record);
      }
    },
  };
});

let validateSpec: ReturnType<Ajv["compile"]> | undefined;
function schemaErrors(spec: unknown): string[] {
  validateSpec ??= new Ajv({ strict: false, allErrors: true, allowUnionTypes: true, validateFormats: false }).compile(schema);
  if (validateSpec(spec)) return [];
  return (validateSpec.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
}

/** The payload the page's script reads (the build–browser contract), one per chart figure or runs table. */
function payloads(html: string): unknown[] {
  return [...html.matchAll(/<script type="application\/json" class="rf-(?:chart|table)-data">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]!) as unknown);
}

/** Run links in document order, each once: which runs a table, comparison or scalar shows. */
function runLinks(html: string): string[] {
  return [...new Set([...html.matchAll(/href="\/runs\/([^/"]+)\/"/g)].map((m) => decodeURIComponent(m[1]!)))];
}

/** A table's header and body rows as the reader sees them, cell by cell. */
function tableRows(html: string): string[][] {
  return [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => visibleText(cell[1]!)));
}

function visibleText(html: string): string {
  return html.replace(/<script[\s\S]*?<\/script>/g, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
}

function describeBlock(b: BlockRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { lang: b.lang, selected: b.selected };
  const figure = /data-runfolio-chart="(\w+)"/.exec(b.html)?.[1];
  if (figure === "line") {
    const data = decodeLineChartData((payloads(b.html)[0] as { data: WireLineChartData }).data);
    out.kind = "line";
    out.lineChart = b.lineChart;
    out.axes = { x: data.xKind, xLabel: data.xLabel, yLabel: data.yLabel, scale: data.scale, legend: data.legendTitle, smoothing: data.smoothing };
    out.series = data.series.map((s) => ({
      run: s.run,
      metric: s.metric,
      points: s.x.length,
      first: [s.x[0], s.y[0]],
      last: [s.x.at(-1), s.y.at(-1)],
      ...(s.band ? { band: { first: [s.band.lower[0], s.band.upper[0]], last: [s.band.lower.at(-1), s.band.upper.at(-1)] } } : {}),
      ...(s.n ? { n: s.n } : {}),
    }));
  } else if (figure === "vega") {
    const payload = payloads(b.html)[0] as { datasets: Record<string, unknown[]> };
    out.kind = "vega";
    out.vegaLite = b.specs;
    out.datasets = payload.datasets;
  } else {
    out.runLinks = runLinks(b.html);
    if (b.lang !== "chart") out.rows = tableRows(b.html);
    if (b.lang === "chart") out.text = visibleText(b.html);
  }
  return out;
}

/** The page with each block's own HTML replaced by a marker: the prose as sanitized. */
function proseOf(html: string, blocks: readonly BlockRecord[]): string {
  return blocks.reduce((page, b, i) => (b.html ? page.replace(b.html, `<!-- block ${i + 1} -->`) : page), html);
}

async function compile(rel: string, text: string, runs: Run[], dir: string) {
  seen.blocks = [];
  const report = parseReport(rel, text);
  const rendered = await compileReport(report, { runs, readHistory: (r) => readHistory(dir, r), colors: new Map(), hrefForRun: (id) => `/runs/${encodeURIComponent(id)}/`, render: true });
  return { rendered, blocks: seen.blocks };
}

const cases = (await readdir(casesDir)).filter((f) => f.endsWith(".md")).sort();

// The first chart compiles vega-lite and the schema validator: seconds, more on a busy machine.
describe("compiled reports match their golden data", { timeout: 120_000 }, () => {
  let runs: Run[];
  beforeAll(async () => {
    const loaded = await loadAllRuns(root);
    expect(loaded.diagnostics).toEqual([]);
    runs = loaded.runs;
  });

  it("has a case for every block kind, and no expected file without its case", async () => {
    expect(cases.length).toBeGreaterThanOrEqual(14);
    const expected = (await readdir(casesDir)).filter((f) => f.endsWith(".expected.json"));
    expect(expected.map((f) => f.replace(/\.expected\.json$/, ".md")).sort()).toEqual(cases);
  });

  for (const file of cases) {
    it(file, async () => {
      const { rendered, blocks } = await compile(`reports/${file}`, await readFile(path.join(casesDir, file), "utf8"), runs, root);
      const actual = {
        diagnostics: rendered.diagnostics.map(formatDiagnostic),
        hasCharts: chartBlocks(rendered).length > 0,
        prose: proseOf(rendered.html, blocks),
        blocks: blocks.map(describeBlock),
        compiled: {
          runIds: rendered.runIds,
          scripts: [...rendered.scripts].sort(),
          blocks: rendered.blocks.map((b) => ({ id: b.id, lang: b.lang, kind: b.kind, title: b.title, runIds: b.runIds, script: b.script, svg: b.svg.length > 0 })),
        },
      };
      const expectedFile = path.join(casesDir, file.replace(/\.md$/, ".expected.json"));
      const text = JSON.stringify(actual, null, 2) + "\n";
      if (update) await writeFile(expectedFile, text);
      expect(text).toBe(await readFile(expectedFile, "utf8"));
      // Golden cases compile: no error, and every block rendered something.
      expect(rendered.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(rendered.html).not.toContain("rf-block-error");
      for (const b of blocks) expect(b.html).not.toBe("");
      for (const spec of blocks.flatMap((b) => b.specs)) expect(schemaErrors(spec)).toEqual([]);
      // The compiled data is what the page holds: each block's HTML in place, its payload the page's.
      expect(rendered.blocks.map((b) => b.html)).toEqual(blocks.map((b) => b.html));
      for (const b of rendered.blocks) {
        expect(rendered.html).toContain(b.html);
        expect(b.payload === null ? [] : [b.payload]).toEqual(payloads(b.html));
        if (b.svg) expect(b.html).toContain(b.svg);
      }
    });
  }
});

describe("every vega-lite spec the example reports emit matches the schema", { timeout: 120_000 }, () => {
  const reportsDir = path.join(repo, "reports");
  it("rejects a spec the schema does not allow (the check is not vacuous)", () => {
    expect(schemaErrors({ data: { name: "runs" }, mark: "bar" })).toEqual([]);
    expect(schemaErrors({ data: { name: "runs" }, mark: "barr" })).not.toEqual([]);
  });
  it("validates each spec", async () => {
    const loaded = await loadAllRuns(repo);
    const files = (await readdir(reportsDir)).filter((f) => f.endsWith(".md")).sort();
    let count = 0;
    for (const file of files) {
      const { blocks } = await compile(`reports/${file}`, await readFile(path.join(reportsDir, file), "utf8"), loaded.runs, repo);
      for (const spec of blocks.flatMap((b) => b.specs)) {
        count++;
        expect({ file, errors: schemaErrors(spec) }).toEqual({ file, errors: [] });
      }
    }
    // The examples draw bars, histograms, scatters, a parallel plot, importances and raw vega-lite.
    expect(count).toBeGreaterThanOrEqual(6);
  });
});
