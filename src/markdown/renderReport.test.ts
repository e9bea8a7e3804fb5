import { describe, expect, it } from "vitest";
import { makeRun } from "../core/query/testRuns.ts";
import { parseReport } from "../core/report/parseReport.ts";
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

  it("reads each run's history once for all the charts of a report", async () => {
    const report = parseReport("reports/r.md", "---\ntitle: R\n---\n\n```chart\ny: loss\n```\n\n```chart\ny: loss\nscale: { y: log }\n```\n");
    const runs = [makeRun("p/a", { metrics: ["loss"], steps: 3 }), makeRun("p/b", { metrics: ["loss"], steps: 3 })];
    const reads: string[] = [];
    const out = await renderReport(report, {
      runs,
      readHistory: async (run) => {
        reads.push(run.id);
        return { step: Float64Array.of(0, 1, 2), time: null, metrics: { loss: Float64Array.of(3, 2, 1) } };
      },
      colors: new Map(),
      hrefForRun: (id) => `/runs/${id}/`,
      render: true,
    });
    expect(out.diagnostics).toEqual([]);
    expect(out.html.match(/data-runfolio-chart="line"/g)).toHaveLength(2);
    expect(reads.sort()).toEqual(["p/a", "p/b"]);
  });
});
