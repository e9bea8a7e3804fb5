import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse as parseHtml } from "node-html-parser";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite, type BuildResult } from "../helpers/buildSite.ts";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.ts";
import { tempRepo, type TempRepo } from "../helpers/gitRepo.ts";
import { serveStatic, type StaticServer } from "../helpers/serveStatic.ts";
import { exampleOut } from "./buildExampleSite.ts";

const runJson = (group: string) => JSON.stringify({ group, state: "finished", config: { lr: 1e-3 }, summary: {} });
const history = (steps: number, scale: number) =>
  ["step,train/loss", ...Array.from({ length: steps }, (_, i) => `${i * 10},${(scale * 4) / (i + 1)}`)].join("\n") + "\n";

let repo: TempRepo;
let work: string;
let outDir: string;
let build: BuildResult;

// One small build: two commits, the second's working tree compared with the first (RUNFOLIO_BASE_REV).
beforeAll(async () => {
  repo = await tempRepo("runfolio-diff-page-");
  await repo.write({ "runs/p/a/run.json": runJson("sweep"), "runs/p/a/history.csv": history(20, 1), "runs/p/gone.json": runJson("old") });
  repo.commit("base");
  await repo.write({ "runs/p/a/history.csv": history(30, 0.9), "runs/p/c/run.json": runJson("sweep"), "runs/p/c/history.csv": history(25, 0.8), "runs/p/gone.json": null });
  repo.commit("head");
  work = await mkdtemp(path.join(tmpdir(), "runfolio-diff-page-out-"));
  outDir = path.join(work, "out");
  build = await buildSite({ dataDir: repo.dir, outDir, cacheDir: path.join(work, "cache"), env: { RUNFOLIO_BASE_REV: "HEAD~1" } });
}, 300_000);

afterAll(async () => {
  await repo?.remove();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("the /diff/ page (RUNFOLIO_BASE_REV)", () => {
  it("lists what changed since the revision, with a chart per main metric, linked from the home page", async () => {
    expect(build.code, build.output).toBe(0);
    const doc = parseHtml(await readFile(path.join(outDir, "diff/index.html"), "utf8"));
    expect(doc.querySelector("h1")!.text).toMatch(/^Changes since HEAD~1 \([0-9a-f]{7}\)$/);
    expect(doc.querySelector("p.lede")!.text).toContain("1 run added, 1 removed, 1 changed, 0 unchanged");
    const tables = doc.querySelectorAll(".rf-table-scroll > table");
    expect(tables.map((t) => t.querySelector("tbody tr td")!.text)).toEqual(["p/a", "p/c"]);
    expect(doc.querySelector("h2 + ul code")?.text ?? doc.text).toContain("p/gone");
    const figures = doc.querySelectorAll("figure[data-runfolio-chart]");
    expect(figures.map((f) => f.querySelector("figcaption")!.text)).toEqual(["a · train/loss", "c · train/loss"]);
    // The changed run: base dashed, head solid, in the static SVG and in the payload the page draws.
    const lines = figures[0]!.querySelectorAll("path.rf-line");
    expect(lines.map((l) => l.getAttribute("stroke-dasharray") ?? "")).toEqual(["6,3", ""]);
    const dashLegend = figures[0]!.querySelector('[data-legend="metrics"]')!;
    expect(dashLegend.querySelector(".rf-legend-title")!.text).toBe("revision");
    expect(dashLegend.querySelectorAll(".rf-legend-label").map((l) => l.text)).toEqual(["head", "base"]);
    const home = parseHtml(await readFile(path.join(outDir, "index.html"), "utf8"));
    expect(home.querySelector("p.rf-diff-link a")?.getAttribute("href")).toBe("/diff/");
  });

  it.runIf(chromiumAvailable())("hydrates its charts into interactive line charts", async () => {
    let browser: Browser | undefined;
    let server: StaticServer | undefined;
    try {
      server = await serveStatic(outDir);
      browser = await launchChromium();
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.goto(`${server.url}/diff/`);
      for (const chart of await page.locator("figure[data-runfolio-chart]").all()) {
        await chart.scrollIntoViewIfNeeded();
        await expect.poll(() => chart.getAttribute("data-hydrated"), { timeout: 30_000 }).toBe("true");
      }
      // The live chart draws the same lines: one dashed (base), one solid (head).
      const dashes = await page.locator("#diff-1 path.rf-line").evaluateAll((ps) => ps.map((p) => p.getAttribute("stroke-dasharray") ?? ""));
      expect(dashes.sort()).toEqual(["", "6,3"]);
      expect(errors).toEqual([]);
    } finally {
      await browser?.close();
      await server?.close();
    }
  }, 120_000);

  it("is absent, and not linked, without RUNFOLIO_BASE_REV (the example site)", async () => {
    expect(existsSync(path.join(exampleOut, "index.html"))).toBe(true);
    expect(existsSync(path.join(exampleOut, "diff"))).toBe(false);
    expect(parseHtml(await readFile(path.join(exampleOut, "index.html"), "utf8")).querySelector("p.rf-diff-link")).toBeNull();
  });
});
