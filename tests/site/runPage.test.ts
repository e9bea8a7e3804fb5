import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseHtml } from "node-html-parser";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Run } from "../../src/core/run.ts";
import { loadAllRuns } from "../../src/core/runs/loadRuns.ts";
import { repoRoot } from "../helpers/buildSite.ts";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.ts";
import { serveStatic, type StaticServer } from "../helpers/serveStatic.ts";
import { exampleOut } from "./buildExampleSite.ts";

const ID = "nanogpt/lr-3e-4-seed1";
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
    for (const f of run.source.files) expect(links).toContain(`/data/files/${f}`);
    const group = runs.filter((r) => r.project === run.project && r.group === run.group && r.id !== run.id);
    expect(group.length).toBeGreaterThan(0);
    for (const r of group) expect(links).toContain(`/runs/${r.id}/`);
    expect(doc.querySelector(".notes p")!.text).toBe(run.notes);
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
      const data = JSON.parse(text) as { run: Run; history: { metrics: Record<string, { x: number[]; y: (number | null)[] }> } };
      expect(data.run.id).toBe(run.id);
      expect(Object.keys(data.history.metrics).sort()).toEqual([...run.metrics].sort());
      for (const [m, s] of Object.entries(data.history.metrics)) {
        expect(s.x.length, `${run.id} ${m}`).toBe(s.y.length);
        expect(s.x.length, `${run.id} ${m}`).toBeLessThanOrEqual(1000);
        expect(s.x.length).toBeGreaterThan(0);
      }
      for (const keys of keyOrders(data)) expect(keys).toEqual([...keys].sort());
    }
  });

  it("copies each run's source files as they are", async () => {
    const run = runs.find((r) => r.id === ID)!;
    for (const f of run.source.files) {
      expect(await readFile(path.join(exampleOut, "data/files", f))).toEqual(await readFile(path.join(repoRoot, f)));
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
