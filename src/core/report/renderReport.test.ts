import { describe, expect, it } from "vitest";
import { makeRun } from "../../../tests/helpers/testRuns.ts";
import { parseReport } from "./parseReport.ts";
import { renderReport } from "./renderReport.ts";

describe("renderReport(report, ctx)", () => {
  it("turns an unexpected failure inside one block into that block's diagnostic and error box", async () => {
    const report = parseReport("reports/r.md", "---\ntitle: R\n---\n\nBefore.\n\n```chart\ny: loss\n```\n\nAfter.\n");
    const out = await renderReport(report, {
      runs: [makeRun("p/a", { metrics: ["loss"], steps: 3 })],
      readHistory: async () => {
        throw new Error("disk on fire");
      },
      colors: new Map(),
      hrefForRun: (id) => `/runs/${id}/`,
      render: true,
    });
    expect(out.diagnostics).toMatchObject([{ file: "reports/r.md", line: 8, column: 1, code: "BLOCK024" }]);
    expect(out.diagnostics[0]!.message).toContain("disk on fire");
    expect(out.html).toContain('class="rf-block-error"');
    expect(out.html).toContain("After.");
  });

  it("reads each run's history once per block, only the columns it draws, and keeps none after the block", async () => {
    const report = parseReport("reports/r.md", "---\ntitle: R\n---\n\n```chart\ny: loss\n```\n\n```chart\ny: loss\nscale: { y: log }\n```\n");
    const runs = [makeRun("p/a", { metrics: ["loss"], steps: 3 }), makeRun("p/b", { metrics: ["loss"], steps: 3 })];
    const reads: string[] = [];
    const out = await renderReport(report, {
      runs,
      readHistory: async (run, metrics) => {
        reads.push(`${run.id} ${String(metrics)}`);
        return { step: Float64Array.of(0, 1, 2), time: null, metrics: { loss: Float64Array.of(3, 2, 1) } };
      },
      colors: new Map(),
      hrefForRun: (id) => `/runs/${id}/`,
      render: true,
    });
    expect(out.diagnostics).toEqual([]);
    expect(out.html.match(/data-runfolio-chart="line"/g)).toHaveLength(2);
    // A report over every run must not hold every history: the second chart reads again (from
    // the loader's byte-bounded cache in a build).
    expect(reads.sort()).toEqual(["p/a loss", "p/a loss", "p/b loss", "p/b loss"]);
  });

  describe("every problem of a block at once", () => {
    const runs = [makeRun("p/a", { metrics: ["loss"], config: { lr: 1 }, steps: 3 })];
    const history = { step: Float64Array.of(0, 1, 2), time: null, metrics: { loss: Float64Array.of(3, 2, 1) } };
    const check = (body: string, render: boolean) =>
      renderReport(parseReport("reports/r.md", `---\ntitle: R\n---\n\n${body}`), {
        runs,
        readHistory: async () => history,
        colors: new Map(),
        hrefForRun: (id) => `/runs/${id}/`,
        render,
      });

    it("lists the schema errors and the metric and field checks of the valid keys together, each at its place", async () => {
      const body = "```chart\ntitel: Loss\ny: [los, val/*]\nx: stepp\nheight: tall\ncolor: config.lrr\nsmooth: 2\nbins: 5\n```\n";
      for (const render of [true, false]) {
        const out = await check(body, render);
        expect(out.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual([
          "6:1 BLOCK003",
          "7:5 BLOCK009",
          "7:10 BLOCK019",
          "8:4 BLOCK009",
          "9:9 BLOCK004",
          "10:8 BLOCK010",
          "11:9 BLOCK007",
          "12:1 BLOCK015",
        ]);
        if (render) expect(out.html).toContain('class="rf-block-error"');
        expect(out.html).not.toContain("data-runfolio-chart");
      }
    });

    it("skips only the checks that need runs when the run set does not parse", async () => {
      // `y` and `color` cannot be looked up without runs; the unknown key and `band` without `group` still can.
      const out = await check("```chart\nruns: config.lr >> 1\ny: nope\ncolor: config.nope\ntitel: x\nband: minmax\n```\n", false);
      expect(out.diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(["6 EXPR007", "9 BLOCK003", "10 BLOCK031"]);
    });

    it("skips the checks that depend on a key the schema rejected, and no others", async () => {
      // An unknown kind: no telling which keys apply or what `y` names. `runs: 5`: no run set to look in.
      const kind = await check("```chart\nkind: pie\ny: nope\nbins: 1\n```\n", false);
      expect(kind.diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(["6 BLOCK005", "8 BLOCK007"]);
      const runSet = await check("```runs\nruns: 5\ncolumns: [name, config.nope]\nlimit: 0\n```\n", false);
      expect(runSet.diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(["6 BLOCK004", "8 BLOCK007"]);
    });

    it("finds without rendering what rendering finds: a line chart with nothing finite to draw", async () => {
      const gaps = { step: Float64Array.of(0, 1), time: null, metrics: { loss: Float64Array.of(NaN, NaN) } };
      for (const render of [true, false]) {
        const report = parseReport("reports/r.md", "---\ntitle: R\n---\n\n```chart\ny: loss\n```\n");
        const out = await renderReport(report, { runs, readHistory: async () => gaps, colors: new Map(), hrefForRun: () => "", render });
        expect(out.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(["6:4 BLOCK013"]);
      }
    });
  });
});
