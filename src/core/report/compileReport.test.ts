import { describe, expect, it } from "vitest";
import { makeRun } from "../../../tests/helpers/testRuns.ts";
import { parseReport } from "./parseReport.ts";
import { compileReport } from "./compileReport.ts";

describe("compileReport(report, ctx)", () => {
  it("turns an unexpected failure inside one block into that block's diagnostic and error box", async () => {
    const report = parseReport("reports/r.md", "---\ntitle: R\n---\n\nBefore.\n\n```chart\ny: loss\n```\n\nAfter.\n");
    const out = await compileReport(report, {
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

  it("reports a broken front-matter `runs` that nothing uses, and once when blocks use it", async () => {
    const ctx = { runs: [makeRun("p/a", { metrics: ["loss"], steps: 3 })], readHistory: async () => ({ step: new Float64Array(), time: null, metrics: {} }), colors: new Map(), hrefForRun: (id: string) => `/runs/${id}/`, render: false };
    for (const body of ["Only prose.\n", "```chart\ny: loss\n```\n\n```runs\ncolumns: [name]\n```\n"]) {
      const out = await compileReport(parseReport("reports/r.md", `---\ntitle: R\nruns: tags has baseline\n---\n\n${body}`), ctx);
      expect(out.diagnostics.map((d) => [d.line, d.column, d.code, d.message])).toEqual([[3, 16, "EXPR021", "expected a value after 'has', found 'baseline'"]]);
    }
  });

  it("reads each run's history once per block, only the columns it draws, and keeps none after the block", async () => {
    const report = parseReport("reports/r.md", "---\ntitle: R\n---\n\n```chart\ny: loss\n```\n\n```chart\ny: loss\nscale: { y: log }\n```\n");
    const runs = [makeRun("p/a", { metrics: ["loss"], steps: 3 }), makeRun("p/b", { metrics: ["loss"], steps: 3 })];
    const reads: string[] = [];
    const out = await compileReport(report, {
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

  it("returns each block as data: anchor, kind, title, the runs it shows, its HTML, SVG and payload", async () => {
    const report = parseReport(
      "reports/r.md",
      "---\ntitle: R\n---\n\nWe tried *warmup*.\n\n```chart\ny: loss\ntitle: Loss <curves>\n```\n\n```runs\nruns: name = \"b\"\ncolumns: [name]\n```\n\n" +
        "```chart\nkind: scalar\ny: summary.loss\nruns: name = \"a\"\n```\n\n```chart\ny: nope\n```\n",
    );
    const runs = [makeRun("p/a", { metrics: ["loss"], summary: { loss: 1 }, steps: 3 }), makeRun("p/b", { metrics: ["loss"], summary: { loss: 2 }, steps: 3 })];
    const out = await compileReport(report, {
      runs,
      readHistory: async () => ({ step: Float64Array.of(0, 1, 2), time: null, metrics: { loss: Float64Array.of(3, 2, 1) } }),
      colors: new Map(),
      hrefForRun: (id) => `/runs/${id}/`,
      render: true,
    });
    // The broken fourth block is an error box, not a compiled block.
    expect(out.blocks.map((b) => [b.id, b.lang, b.kind, b.title, b.runIds, b.script])).toEqual([
      ["chart-1", "chart", "line", "Loss <curves>", ["p/a", "p/b"], "line"],
      ["table-2", "runs", "runs", "", ["p/b"], "table"],
      ["chart-3", "chart", "scalar", "summary.loss", ["p/a"], null],
    ]);
    const [line, table, scalar] = out.blocks;
    expect(line!.svg.startsWith("<svg")).toBe(true);
    expect(line!.html).toContain(line!.svg);
    expect(line!.payload).toEqual(JSON.parse(/class="rf-chart-data">(.*?)<\/script>/.exec(line!.html)![1]!));
    // A runs table carries the payload its table script reads; a scalar has neither SVG nor payload.
    expect(table!.payload).toEqual(JSON.parse(/class="rf-table-data">(.*?)<\/script>/.exec(table!.html)![1]!));
    expect([table!.svg, scalar!.svg, scalar!.payload]).toEqual(["", "", null]);
    for (const b of out.blocks) expect(out.html).toContain(b.html);
    expect(out.html).toContain("rf-block-error");
    expect(out.runIds).toEqual(["p/a", "p/b"]);
    expect([...out.scripts].sort()).toEqual(["line", "table"]);
    expect(out.text).toBe("We tried warmup.\nLoss <curves>");
  });

  it("compiles no block when only checking", async () => {
    const report = parseReport("reports/r.md", "---\ntitle: R\n---\n\n```runs\ncolumns: [name]\n```\n");
    const out = await compileReport(report, { runs: [makeRun("p/a")], readHistory: async () => ({ step: new Float64Array(), time: null, metrics: {} }), colors: new Map(), hrefForRun: (id) => `/runs/${id}/`, render: false });
    expect([out.blocks, out.runIds, out.scripts.size]).toEqual([[], [], 0]);
  });

  describe("every problem of a block at once", () => {
    const runs = [makeRun("p/a", { metrics: ["loss"], config: { lr: 1 }, steps: 3 })];
    const history = { step: Float64Array.of(0, 1, 2), time: null, metrics: { loss: Float64Array.of(3, 2, 1) } };
    const check = (body: string, render: boolean) =>
      compileReport(parseReport("reports/r.md", `---\ntitle: R\n---\n\n${body}`), {
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
        const out = await compileReport(report, { runs, readHistory: async () => gaps, colors: new Map(), hrefForRun: () => "", render });
        expect(out.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(["6:4 BLOCK013"]);
      }
    });
  });
});
