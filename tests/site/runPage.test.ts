import { readFile } from "node:fs/promises";
import path from "node:path";
import { existsSync } from "node:fs";
import { parse as parseHtml, type HTMLElement } from "node-html-parser";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Run } from "../../src/core/run.ts";
import { loadAllRuns } from "../../src/core/runs/loadRuns.ts";
import { buildLinks } from "../../src/core/site/buildInfo.ts";
import { readBuildInfo } from "../../src/integration/readBuildInfo.ts";
import { repoRoot } from "../helpers/buildSite.ts";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.ts";
import { serveStatic, type StaticServer } from "../helpers/serveStatic.ts";
import { exampleOut } from "./buildExampleSite.ts";
import { decodeRunData } from "../../src/core/explore/runDataWire.ts";

const ID = "nanogpt/lr-3e-4-seed1";
// What the build read from this checkout's git: the example site is built from it.
const built = buildLinks(readBuildInfo(repoRoot, {}), false);

/** Each source file the run page lists, and whether it is shown as this checkout's git says it should be. */
function sourceItems(doc: HTMLElement, run: Run): { text: string; ok: boolean }[] {
  return doc.querySelectorAll(".rf-downloads li[data-rf-source]").map((li, k) => {
    const link = built.sourceFile(run.source.files[k]!);
    const text = li.text;
    if (link.kind === "forge") return { text, ok: li.querySelector("a")!.getAttribute("href") === link.url && li.querySelectorAll("a")[1]!.getAttribute("href") === link.rawUrl };
    if (link.kind === "path") return { text, ok: li.querySelector("code")!.text === link.repoPath && text.includes("not published with the site") && !li.querySelector("a") };
    return { text, ok: false };
  });
}
const page = async (rel: string) => parseHtml(await readFile(path.join(exampleOut, rel, "index.html"), "utf8"));

/** Keys of every object, at every level, in the order they were written. */
function keyOrders(v: unknown, out: string[][] = []): string[][] {
  if (Array.isArray(v)) v.forEach((x) => keyOrders(x, out));
  else if (v && typeof v === "object") {
    out.push(Object.keys(v));
    Object.values(v).forEach((x) => keyOrders(x, out));
  }
  return out;
}

describe("run pages and run data", () => {
  let runs: Run[];
  beforeAll(async () => {
    runs = (await loadAllRuns(repoRoot)).runs;
  });

  it("links group and tags to the filtered explorer, the commit to its forge, and the run's data", async () => {
    const run = runs.find((r) => r.id === ID)!;
    const doc = await page(`runs/${ID}`);
    const links = doc.querySelectorAll("a").map((a) => a.getAttribute("href"));
    expect(links).toContain("/runs/?q=group%20%3D%20%22lr%3D3e-4%22");
    for (const t of run.tags) expect(links).toContain(`/runs/?q=${encodeURIComponent(`tags has "${t}"`)}`);
    expect(links).toContain(`https://github.com/example/nanogpt-experiments/commit/${run.git!.commit}`);
    expect(links).toContain(`/data/runs/${ID}.json`);
    for (const item of sourceItems(doc, run)) expect(item.ok, item.text).toBe(true);
    const group = runs.filter((r) => r.project === run.project && r.group === run.group && r.id !== run.id);
    expect(group.length).toBeGreaterThan(0);
    for (const r of group) expect(links).toContain(`/runs/${r.id}/`);
    // the group's other runs, every one (fewer than the page lists), in id order, and no link to "all"
    expect(doc.querySelectorAll(".rf-group-runs li a").map((a) => a.getAttribute("href"))).toEqual(group.map((r) => r.id).sort().map((id) => `/runs/${id}/`));
    expect(doc.querySelectorAll("a").some((a) => a.text.startsWith("Compare this run with them"))).toBe(true);
    expect(doc.querySelectorAll("a").some((a) => /^All \d+ runs of the group/.test(a.text))).toBe(false);
    expect(doc.querySelector(".notes p")!.text).toBe(run.notes);
  });

  it("ships each chart's static SVG without its points, which the page loads from the run's JSON", async () => {
    const run = runs.find((r) => r.id === ID)!;
    const figures = (await page(`runs/${ID}`)).querySelectorAll('figure[data-runfolio-chart="line"]');
    expect(figures.length).toBe(run.metrics.length);
    const data = decodeRunData(JSON.parse(await readFile(path.join(exampleOut, "data/runs", `${ID}.json`), "utf8")));
    for (const fig of figures) {
      expect(fig.getAttribute("data-base")).toBe("/");
      expect(fig.querySelector(":scope > svg path")).not.toBeNull();
      const payload = JSON.parse(fig.querySelector(":scope > script.rf-chart-data")!.text) as { from: { run: string }; data: { series: { metric: string; x: unknown; y: unknown }[] } };
      expect(payload.from).toEqual({ run: ID });
      const [series] = payload.data.series;
      expect(payload.data.series).toHaveLength(1);
      expect(data.history.metrics[series!.metric]!.x.length, series!.metric).toBeGreaterThan(0);
      // an empty column, whatever its wire form: the points are not in the page
      expect(JSON.stringify(series!.x).length + JSON.stringify(series!.y).length, series!.metric).toBeLessThan(40);
    }
  });

  it("publishes every run without histories in /data/runs.json, keys sorted", async () => {
    const text = await readFile(path.join(exampleOut, "data/runs.json"), "utf8");
    const index = JSON.parse(text) as { runs: Run[] };
    expect(index.runs.map((r) => r.id)).toEqual(runs.map((r) => r.id).sort());
    expect(text).not.toContain('"history"');
    for (const keys of keyOrders(index)) expect(keys).toEqual([...keys].sort());
  });

  it("publishes each run with histories of at most about 1,000 points per metric", async () => {
    for (const run of runs) {
      const text = await readFile(path.join(exampleOut, "data/runs", `${run.id}.json`), "utf8");
      const data = decodeRunData(JSON.parse(text));
      expect(data.run.id).toBe(run.id);
      expect(Object.keys(data.history.metrics).sort()).toEqual([...run.metrics].sort());
      for (const [m, s] of Object.entries(data.history.metrics)) {
        expect(s.x.length, `${run.id} ${m}`).toBe(s.y.length);
        expect(s.x.length, `${run.id} ${m}`).toBeLessThanOrEqual(1000);
        expect(s.x.length).toBeGreaterThan(0);
      }
      for (const keys of keyOrders(JSON.parse(text))) expect(keys).toEqual([...keys].sort());
    }
  });

  it("publishes no copy of the source files, and names each one where it is: on the forge at the built commit, or as a path", async () => {
    expect(existsSync(path.join(exampleOut, "data/files"))).toBe(false);
    for (const run of runs) {
      const items = sourceItems(await page(`runs/${run.id}`), run);
      expect(items.length, run.id).toBe(run.source.files.length);
      for (const item of items) expect(item.ok, `${run.id}: ${item.text}`).toBe(true);
    }
  });

  it("says in every page's footer which commit built it, linked to the forge when the remote is known", async () => {
    for (const rel of ["", "runs", `runs/${ID}`, "reports/lr-sweep"]) {
      const footer = (await page(rel)).querySelector("footer.site-footer")!;
      if (built.shortCommit === null) {
        expect(footer.text).toBe("Built with Runfolio from run records and reports in git.");
        continue;
      }
      expect(footer.text).toMatch(new RegExp(`, at commit ${built.shortCommit}( with changes not committed)?\\.$`));
      expect(footer.querySelector("code")!.getAttribute("title") ?? footer.querySelector("a")!.getAttribute("title")).toBe(built.commit);
      expect(footer.querySelector("a")?.getAttribute("href") ?? null).toBe(built.commitUrl);
    }
  });

  describe.runIf(chromiumAvailable())("in Chromium", () => {
    let browser: Browser;
    let server: StaticServer;
    let tab: Page;
    beforeAll(async () => {
      server = await serveStatic(exampleOut);
      browser = await launchChromium();
      tab = await browser.newPage();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it("loads the charts' points from the run's JSON as they near the viewport, one request for them all", async () => {
      const requested: string[] = [];
      const errors: string[] = [];
      tab.on("request", (r) => requested.push(new URL(r.url()).pathname));
      tab.on("pageerror", (e) => errors.push(String(e)));
      await tab.goto(`${server.url}/runs/${ID}/`);
      const charts = tab.locator("figure[data-runfolio-chart]");
      const count = await charts.count();
      for (let i = 0; i < count; i++) {
        await charts.nth(i).scrollIntoViewIfNeeded();
        await expect.poll(() => charts.nth(i).getAttribute("data-hydrated")).toBe("true");
      }
      expect(requested.filter((p) => p === `/data/runs/${ID}.json`)).toHaveLength(1);
      // The live chart answers hover with the run's value.
      const last = charts.nth(count - 1);
      const box = (await last.locator(":scope > svg .rf-hit").boundingBox())!;
      await tab.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
      const tip = last.locator(".rf-chart-tooltip");
      await expect.poll(() => tip.isVisible()).toBe(true);
      expect(await tip.innerText()).toMatch(/\d/);
      expect(await last.locator(":scope > .rf-chart-full > button").isVisible()).toBe(true);
      expect(errors).toEqual([]);
      await tab.mouse.move(0, 0);
    });

    it("filters the config tree by key, showing the whole tree again when cleared", async () => {
      await tab.goto(`${server.url}/runs/${ID}/`);
      const box = tab.getByLabel("Find a key");
      await box.waitFor({ state: "visible" });
      const all = await tab.locator(".config-tree .key").count();
      await box.fill("lr");
      const visible = await tab.locator(".config-tree li:not([hidden]) > .key").allInnerTexts();
      expect(visible).toContain("lr");
      expect(visible).toContain("min_lr_ratio");
      expect(visible).not.toContain("seed");
      expect(await tab.locator(".rf-config-count").innerText()).toMatch(/^\d+ keys? match$/);
      await box.fill("");
      expect(await tab.locator(".config-tree li:not([hidden]) .key").count()).toBe(all);
    });
  });
});
