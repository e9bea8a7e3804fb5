import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeRun } from "../../../../tests/helpers/testRuns.ts";
import { chartMemo } from "../../cache/chartMemo.ts";
import { DiskCache } from "../../cache/diskCache.ts";
import { compileReport } from "../../report/compileReport.ts";
import { parseReport } from "../../report/parseReport.ts";
import type { History, Run } from "../../run.ts";

// A build's check (render: false) keeps each line chart's problems in the build cache, keyed by
// the runs' history digests: a rebuild's check reads no history, and a changed history is read.
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "runfolio-line-check-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const report = parseReport("reports/r.md", "---\ntitle: R\n---\n\n```chart\ny: loss\nx: time\n```\n\n```chart\ny: acc\n```\n");
const runs = [makeRun("p/a", { metrics: ["loss", "acc"], steps: 3 }), makeRun("p/b", { metrics: ["loss", "acc"], steps: 3 })];
const history = (acc: number): History => ({ step: Float64Array.of(0, 1, 2), time: null, metrics: { loss: Float64Array.of(3, 2, 1), acc: Float64Array.of(NaN, NaN, acc) } });

async function check(digests: Map<string, string>, histories: Map<string, History>, reads: string[]) {
  const cache = new DiskCache({ dir, codeVersion: "code-1", warn: () => undefined });
  const out = await compileReport(report, {
    runs,
    readHistory: async (run: Run) => {
      reads.push(run.id);
      return histories.get(run.id)!;
    },
    colors: new Map(),
    hrefForRun: () => "",
    render: false,
    memoChart: chartMemo(cache, async (run) => digests.get(run.id)!),
  });
  return out.diagnostics.map((d) => `${d.line} ${d.code} ${d.severity}`);
}

describe("a line chart's check through the build cache", () => {
  it("finds the same problems again without reading a history, and reads the histories that changed", async () => {
    const digests = new Map([["p/a", "a1"], ["p/b", "b1"]]);
    const histories = new Map([["p/a", history(NaN)], ["p/b", history(NaN)]]);
    const reads: string[] = [];
    const first = await check(digests, histories, reads);
    // No time column for the first chart (so nothing to draw); no finite acc at all for the second.
    expect(first).toEqual(["6 BLOCK013 error", "7 BLOCK012 warning", "11 BLOCK013 error"]);
    expect(reads.length).toBeGreaterThan(0);

    reads.length = 0;
    expect(await check(digests, histories, reads)).toEqual(first);
    expect(reads).toEqual([]);

    // One run's history changed (a new digest): its acc now has a point, so the error is gone.
    digests.set("p/b", "b2");
    histories.set("p/b", history(0.5));
    const third = await check(digests, histories, reads);
    expect(reads).toContain("p/b");
    expect(third).toEqual(["6 BLOCK013 error", "7 BLOCK012 warning"]);
  });
});
