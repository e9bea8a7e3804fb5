import { existsSync } from "node:fs";
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { parse as parseHtml } from "node-html-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { parseBlock } from "../../src/core/report/parseBlock.ts";
import { parseReport, type ParsedReport } from "../../src/core/report/parseReport.ts";
import { parseExpression, parseFieldPath, selectRuns, sortRuns } from "../../src/core/query/index.ts";
import type { Run } from "../../src/core/run.ts";
import { loadAllRuns, readHistory } from "../../src/core/runs/loadRuns.ts";
import { HISTORY_CSV_HEADER, historyCsv, runDataCsvChunks } from "../../src/core/export/historyCsv.ts";
import { decodeRunData } from "../../src/core/explore/runDataWire.ts";
import { repoRoot } from "../helpers/buildSite.ts";
import { exampleOut } from "./buildExampleSite.ts";
import { chartPayloadInDist } from "../helpers/chartPayload.ts";

const page = async (rel: string) => parseHtml(await readFile(path.join(exampleOut, rel, "index.html"), "utf8"));

/** Fenced blocks of one language in a report, in document order (read from the source, not the output). */
function fences(report: ParsedReport, lang: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const lines = report.body.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() === "```" + lang) {
      const start = i + 1;
      let j = start;
      while (j < lines.length && lines[j]!.trim() !== "```") j++;
      out.push({ text: lines.slice(start, j).join("\n"), line: report.bodyFirstLine + start });
      i = j;
    }
  }
  return out;
}

describe("the example site", () => {
  let runs: Run[];
  let reports: ParsedReport[];
  beforeAll(async () => {
    runs = (await loadAllRuns(repoRoot)).runs;
    const files = (await readdir(path.join(repoRoot, "reports"))).filter((f) => f.endsWith(".md")).sort();
    reports = await Promise.all(
      files.map(async (f) => parseReport(`reports/${f}`, await readFile(path.join(repoRoot, "reports", f), "utf8"))),
    );
  });

  it("ships at least 24 runs in two projects and two reports", () => {
    expect(runs.length).toBeGreaterThanOrEqual(24);
    expect(new Set(runs.map((r) => r.project)).size).toBeGreaterThanOrEqual(2);
    expect(reports.length).toBeGreaterThanOrEqual(2);
  });

  it("renders one build-time SVG per chart block in each report", async () => {
    for (const report of reports) {
      const doc = await page(`reports/${report.meta.slug}`);
      const charts = fences(report, "chart");
      const scalars = charts.filter((c) => /^kind:\s*scalar\s*$/m.test(c.text)).length;
      const expected = charts.length - scalars + fences(report, "vega-lite").length;
      expect(expected, report.meta.file).toBeGreaterThan(0);
      const figures = doc.querySelectorAll("figure[data-runfolio-chart]");
      expect(figures.length, report.meta.file).toBe(expected);
      expect(doc.querySelectorAll("figure.rf-scalar").length, report.meta.file).toBe(scalars);
      for (const f of figures) {
        const svg = f.querySelector("svg");
        expect(svg, `${report.meta.file} ${f.id}`).not.toBeNull();
        expect(svg!.parentNode).toBe(f);
        expect(svg!.querySelectorAll("path").length).toBeGreaterThan(0);
      }
      expect(doc.querySelectorAll(".rf-block-error").length).toBe(0);
    }
  });

  it("uses every chart kind across the example reports", () => {
    const kinds = new Set(
      reports.flatMap((r) => fences(r, "chart").map((c) => /^kind:\s*(\w+)\s*$/m.exec(c.text)?.[1] ?? "line")),
    );
    expect([...kinds].sort()).toEqual(["bar", "confusion", "distribution", "histogram", "importance", "line", "parallel", "pr", "roc", "scalar", "scatter"]);
  });

  it("lists each runs block's selected runs in the declared order", async () => {
    let tables = 0;
    for (const report of reports) {
      const doc = await page(`reports/${report.meta.slug}`);
      const rendered = doc.querySelectorAll(".rf-table-wrap");
      const blocks = fences(report, "runs");
      expect(rendered.length, report.meta.file).toBe(blocks.length);
      blocks.forEach((b, i) => {
        const parsed = parseBlock("runs", { file: report.meta.file, text: b.text, firstLine: b.line, indent: 0 });
        expect(parsed.diagnostics).toEqual([]);
        const input = parsed.block!.input as { runs?: string; sort?: string | string[]; limit?: number };
        const exprText = input.runs ?? report.meta.runs;
        const expr = exprText ? parseExpression(exprText) : null;
        if (expr && !expr.ok) throw new Error(expr.error.message);
        const selected = selectRuns(runs, expr ? expr.expr : null);
        const sortKeys = (input.sort === undefined ? [] : typeof input.sort === "string" ? [input.sort] : input.sort).map((s) => {
          const fp = parseFieldPath(s.replace(/^-/, ""));
          if (!fp.ok) throw new Error(fp.error.message);
          return { path: fp.path, descending: s.startsWith("-") };
        });
        const expected = sortRuns(selected, sortKeys)
          .slice(0, input.limit ?? Infinity)
          .map((r) => r.id);
        const shown = rendered[i]!.querySelectorAll("tbody tr").map((tr) => tr.getAttribute("data-run"));
        expect(shown, `${report.meta.file} table ${i + 1}`).toEqual(expected);
        expect(shown.length).toBeGreaterThan(0);
        tables++;
      });
    }
    expect(tables).toBeGreaterThan(0);
  });

  it("builds a page for every run, linked from the runs page", async () => {
    const list = await page("runs");
    const links = new Set(list.querySelectorAll("a").map((a) => a.getAttribute("href")));
    for (const run of runs) {
      const s = await stat(path.join(exampleOut, "runs", run.id, "index.html"));
      expect(s.isFile(), run.id).toBe(true);
      expect(links.has(`/runs/${run.id}/`), run.id).toBe(true);
      const doc = await page(`runs/${run.id}`);
      expect(doc.querySelector("h1")!.text).toContain(run.name);
      // One chart per logged metric; evaluation plots, distributions and system metrics have their own sections.
      const metricCharts = doc.querySelectorAll("figure[data-runfolio-chart]").filter((f) => f.id.startsWith("metric-"));
      expect(metricCharts.length, run.id).toBe(run.metrics.length);
    }
  });

  it("lists reports and projects with run counts on the home page", async () => {
    const doc = await page("");
    for (const r of reports) expect(doc.querySelector(`a[href="/reports/${r.meta.slug}/"]`)?.text).toBe(r.meta.title);
    for (const project of new Set(runs.map((r) => r.project))) {
      const count = runs.filter((r) => r.project === project).length;
      expect(doc.text).toContain(`${count} runs`);
    }
  });

  it("ships no inline script a strict Content-Security-Policy would block", async () => {
    for (const rel of ["", ...reports.map((r) => `reports/${r.meta.slug}`), `runs/${runs[0]!.id}`]) {
      const doc = await page(rel);
      for (const s of doc.querySelectorAll("script")) {
        const type = s.getAttribute("type");
        const external = s.getAttribute("src") !== undefined;
        expect(external || type === "application/json", `${rel}: ${s.toString().slice(0, 80)}`).toBe(true);
      }
      expect(doc.querySelectorAll("[style]").length, rel).toBe(0);
    }
  });

  it("offers every logged point of each line chart from the runs' published JSON: the very bytes of historyCsv, no file per chart", async () => {
    expect(existsSync(path.join(exampleOut, "data/charts"))).toBe(false);
    let offered = 0;
    let rows = 0;
    for (const r of reports) {
      for (const fig of (await page(`reports/${r.meta.slug}`)).querySelectorAll('figure[data-runfolio-chart="line"]')) {
        const full = fig.querySelector(":scope > .rf-chart-full");
        const payload = (await chartPayloadInDist(exampleOut, fig.querySelector(":scope > script.rf-chart-data")!)) as { full?: { runs: string[]; metrics: string[] } };
        if (!full?.getAttribute("data-base")) {
          expect(payload.full, fig.id).toBeUndefined();
          continue;
        }
        expect(full.getAttribute("data-base")).toBe("/");
        expect(full.querySelector("button")!.text).toBe("Every logged point (CSV)");
        const { runs: ids, metrics } = payload.full!;
        expect(ids.length, fig.id).toBeGreaterThan(0);
        // What the page builds, from the files it fetches.
        const chunks = await Promise.all(ids.map(async (id) => {
          const data = decodeRunData(JSON.parse(await readFile(path.join(exampleOut, "data/runs", `${id}.json`), "utf8")));
          return runDataCsvChunks(data.run, data.history, metrics)!.join("");
        }));
        const fromHistories = historyCsv(await Promise.all(ids.map(async (id) => {
          const run = runs.find((x) => x.id === id)!;
          return { run, history: await readHistory(repoRoot, run) };
        })), metrics);
        expect(`${HISTORY_CSV_HEADER}\n${chunks.join("")}`, fig.id).toBe(fromHistories);
        expect(fromHistories.split("\n").length, fig.id).toBeGreaterThan(2);
        rows += fromHistories.split("\n").length;
        offered++;
      }
    }
    expect(offered).toBeGreaterThan(3);
    expect(rows).toBeGreaterThan(1000);
  });

  it("pages without charts load no chart JavaScript", async () => {
    const doc = await page("");
    expect(doc.querySelectorAll("script[src]").length).toBe(0);
  });
});
