import { readFile } from "node:fs/promises";
import path from "node:path";
import MiniSearch from "minisearch";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchIndexOptions } from "../../src/core/search/searchOptions.ts";
import { repoRoot } from "../helpers/buildSite.ts";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.ts";
import { serveStatic, type StaticServer } from "../helpers/serveStatic.ts";
import { exampleOut } from "./buildExampleSite.ts";

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'";

describe("the search index", () => {
  it("holds every report and run of the example site", async () => {
    const json = await readFile(path.join(exampleOut, "search-index.json"), "utf8");
    const index = MiniSearch.loadJSON(json, searchIndexOptions);
    expect(index.documentCount).toBeGreaterThan(20);
    expect(index.has("report:lr-sweep")).toBe(true);
    expect(index.has("run:nanogpt/lr-3e-4-seed1")).toBe(true);
  });
});

describe.runIf(chromiumAvailable())("the search page in Chromium under a strict CSP", () => {
  let browser: Browser;
  let server: StaticServer;
  let page: Page;
  const errors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    server = await serveStatic(exampleOut, { "content-security-policy": CSP });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("request", (r) => requests.push(new URL(r.url()).pathname));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const results = () => page.locator(".rf-search-results a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));

  it("is linked from the nav, and loads the index only when the box is focused", async () => {
    await page.goto(`${server.url}/`);
    await Promise.all([page.waitForURL(/\/search\/$/), page.locator('header nav a[href="/search/"]').click()]);
    await page.waitForLoadState("load");
    expect(requests.filter((p) => p.endsWith("/search-index.json"))).toEqual([]);
    await page.locator("#rf-search-input").focus();
    await expect.poll(() => page.locator("form[data-rf-search]").getAttribute("data-ready")).toBe("true");
    expect(requests.filter((p) => p.endsWith("/search-index.json"))).toEqual(["/search-index.json"]);
  });

  it("finds a run by its name and a report by a word of its body", async () => {
    await page.locator("#rf-search-input").fill("lr-3e-4-seed2");
    await expect.poll(results).toContain("/runs/nanogpt/lr-3e-4-seed2/");
    expect((await results())[0]).toBe("/runs/nanogpt/lr-3e-4-seed2/");

    // A word of the body only (not the title or description).
    const body = await readFile(path.join(repoRoot, "reports/lr-sweep.md"), "utf8");
    expect(body.split("---")[2]).toContain("ablations");
    await page.locator("#rf-search-input").fill("ablations");
    // lr-sweep says it in its body; error-analysis and one shapes run speak of "the ablation".
    await expect.poll(async () => (await results()).sort()).toEqual(["/reports/error-analysis/", "/reports/lr-sweep/", "/runs/shapes/cnn-noaug-seed1/"]);
    expect(await page.locator(".rf-search-status").innerText()).toMatch(/\d+ results?/);
    // Under the title, the prose around the match, the match marked (as an element, the rest as text).
    const snippet = page.locator(".rf-search-results li", { has: page.locator('a[href="/reports/lr-sweep/"]') }).locator(".rf-search-snippet");
    const marks = await snippet.locator("mark").allInnerTexts();
    expect(marks.length).toBeGreaterThan(0);
    expect(new Set(marks)).toEqual(new Set(["ablations"]));
    // The words around it are the report's own (lr-sweep.md: "Our short-horizon ablations all run GPT-2 small").
    expect(await snippet.innerText()).toMatch(/(short-horizon|building more) ablations (all run|on this)/);

    // The reports that discuss warmup come before every run that has it only in a config key
    // (their snippet is the config line, `schedule.warmup_epochs 5`).
    await page.locator("#rf-search-input").fill("warmup");
    await expect.poll(async () => (await results()).length).toBeGreaterThan(10);
    const hrefs = await results();
    const snippets = await page.locator(".rf-search-results li").evaluateAll((lis) => lis.map((li) => li.querySelector(".rf-search-snippet")?.textContent ?? ""));
    const firstConfigOnly = snippets.findIndex((s) => s.includes("warmup_epochs"));
    expect(firstConfigOnly).toBeGreaterThan(0);
    for (const report of ["/reports/cifar10-baselines/", "/reports/lr-sweep/"]) {
      expect(hrefs.indexOf(report)).toBeGreaterThanOrEqual(0);
      expect(hrefs.indexOf(report)).toBeLessThan(firstConfigOnly);
    }
    expect(await page.locator(`.rf-search-results li:has(a[href="/reports/lr-sweep/"]) .rf-search-snippet mark`).first().innerText()).toMatch(/^warmup$/i);

    await page.locator("#rf-search-input").fill("zzzqqq-nothing");
    await expect.poll(results).toEqual([]);
    expect(await page.locator(".rf-search-status").innerText()).toContain("Nothing matches");
    // The query is in the URL: a shared link reopens it.
    await page.locator("#rf-search-input").fill("resnet50");
    await expect.poll(results).toContain("/runs/cifar10/resnet50-seed1/");
    await page.goto(`${server.url}/search/?q=resnet50`);
    await expect.poll(results).toContain("/runs/cifar10/resnet50-seed1/");
    expect(errors).toEqual([]);
  });
});
