import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { parse as parseHtml } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/core/report/parseReport.ts";
import { reportRunSets } from "../../src/core/report/reportRunSets.ts";
import { loadAllRuns } from "../../src/core/runs/loadRuns.ts";
import { repoRoot } from "../helpers/buildSite.ts";
import { exampleOut } from "./buildExampleSite.ts";

const page = async (rel: string) => parseHtml(await readFile(path.join(exampleOut, rel, "index.html"), "utf8"));

describe("the example site's run pages", () => {
  it("list the reports that use each run, and only those", async () => {
    const { runs } = await loadAllRuns(repoRoot);
    const files = (await readdir(path.join(repoRoot, "reports"))).filter((f) => f.endsWith(".md")).sort();
    const expected = new Map<string, string[]>();
    for (const f of files) {
      const report = parseReport(`reports/${f}`, await readFile(path.join(repoRoot, "reports", f), "utf8"));
      for (const id of (await reportRunSets(report, runs)).usedRunIds) expected.set(id, [...(expected.get(id) ?? []), `/reports/${report.meta.slug}/`]);
    }
    expect(expected.get("nanogpt/lr-1e-3-seed1")).toEqual(["/reports/lr-sweep/"]);
    expect(expected.get("cifar10/resnet18-seed1")).toEqual(["/reports/cifar10-baselines/"]);
    for (const run of runs) {
      const doc = await page(`runs/${run.id}`);
      const links = doc.querySelectorAll("ul.rf-used-in a").map((a) => a.getAttribute("href"));
      expect(links.sort(), run.id).toEqual((expected.get(run.id) ?? []).sort());
    }
  });

  it("show the report's cited values and checked claims", async () => {
    const doc = await page("reports/lr-sweep");
    const cited = doc.querySelectorAll("a.rf-cite");
    expect(cited.map((a) => [a.getAttribute("href"), a.text])).toEqual([["/runs/nanogpt/lr-1e-3-seed1/", "4.022"]]);
    expect(doc.querySelectorAll("li.rf-claim-holds")).toHaveLength(2);
    expect(doc.querySelectorAll("li.rf-claim-fails")).toHaveLength(0);
  });
});
