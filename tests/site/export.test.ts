import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportCommand } from "../../src/cli/commands/export.ts";
import { repoRoot } from "../helpers/buildSite.ts";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.ts";

/**
 * `runfolio export` writes one file; opened from disk with the network off it must still show
 * and hydrate its charts: hover shows the tooltip, the legend isolates a run, nothing is fetched.
 */
const outDir = path.join(repoRoot, "test-artifacts/export");
const file = path.join(outDir, "lr-sweep.html");
const screenshots = path.join(repoRoot, "test-artifacts/screenshots");

describe.runIf(chromiumAvailable())("an exported report opened from file:// offline", () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const blocked: string[] = [];

  beforeAll(async () => {
    await rm(outDir, { recursive: true, force: true });
    await mkdir(screenshots, { recursive: true });
    let stderr = "";
    const code = await exportCommand(["reports/lr-sweep.md", "-o", file], { cwd: repoRoot, env: {}, stdout: () => {}, stderr: (s) => (stderr += s) });
    if (code !== 0) throw new Error(`export failed:\n${stderr}`);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    await context.setOffline(true);
    await context.route(
      (url) => url.protocol !== "file:",
      (route) => {
        blocked.push(route.request().url());
        return route.abort();
      },
    );
    page = await context.newPage();
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()}`));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("hydrates every chart with nothing fetched", async () => {
    await page.goto(pathToFileURL(file).href);
    await page.waitForLoadState("load");
    const charts = page.locator("figure[data-runfolio-chart]");
    const n = await charts.count();
    expect(n).toBeGreaterThan(3);
    for (let i = 0; i < n; i++) {
      await charts.nth(i).scrollIntoViewIfNeeded();
      await expect.poll(() => charts.nth(i).getAttribute("data-hydrated")).toBe("true");
    }
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("shows the tooltip on hover and isolates a run from the legend", async () => {
    const first = page.locator("figure[data-runfolio-chart]").first();
    await first.scrollIntoViewIfNeeded();
    const names = await first.evaluate((fig) =>
      (JSON.parse(fig.querySelector("script.rf-chart-data")!.textContent!).data.series as { name: string }[]).map((s) => s.name),
    );
    const view = first.locator("svg >> visible=true").first();
    const box = (await view.boundingBox())!;
    let text = "";
    const tip = page.locator(".rf-chart-tooltip:not([hidden]), #vg-tooltip-element.visible");
    for (let fx = 0.2; fx <= 0.8 && !text; fx += 0.05) {
      for (let fy = 0.1; fy <= 0.9 && !text; fy += 0.1) {
        await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
        if (await tip.count()) text = (await tip.first().innerText()).trim();
      }
    }
    expect(text).not.toBe("");
    expect(names.some((n) => text.includes(n)), text).toBe(true);
    await page.screenshot({ path: path.join(screenshots, "export-lr-sweep-tooltip.png") });
    await page.mouse.move(0, 0);

    const entries = first.locator(".rf-legend-entry");
    if (await entries.count()) {
      await entries.first().click();
      await expect.poll(() => first.locator(".rf-legend-off").count()).toBeGreaterThan(0);
    }
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("sorts a runs table when the table script is part of the app", async () => {
    const table = page.locator("[data-runfolio-table]").first();
    if ((await table.count()) === 0) return;
    const sort = table.locator("button.rf-sort").first();
    if ((await sort.count()) === 0) return;
    await sort.scrollIntoViewIfNeeded();
    const state = () =>
      table.evaluate((el) => [...el.querySelectorAll("th")].map((th) => th.getAttribute("aria-sort") ?? "").join("|") + "#" + (el.querySelector("tbody tr")?.textContent ?? ""));
    const before = await state();
    await sort.click();
    await expect.poll(state).not.toBe(before);
    expect(errors).toEqual([]);
  });
});

/** A report with ```media blocks exported: its images come from the file itself, opened offline. */
describe.runIf(chromiumAvailable())("an exported report with media opened from file:// offline", () => {
  const mediaFile = path.join(outDir, "error-analysis.html");
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const fetched: string[] = [];

  beforeAll(async () => {
    await mkdir(outDir, { recursive: true });
    let stderr = "";
    const code = await exportCommand(["reports/error-analysis.md", "-o", mediaFile], { cwd: repoRoot, env: {}, stdout: () => {}, stderr: (s) => (stderr += s) });
    if (code !== 0) throw new Error(`export failed:\n${stderr}`);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    await context.setOffline(true);
    await context.route(
      (url) => url.protocol !== "file:" && url.protocol !== "data:",
      (route) => {
        fetched.push(route.request().url());
        return route.abort();
      },
    );
    page = await context.newPage();
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("shows every image of its media grids, moves the step slider and enlarges an item, with nothing fetched", async () => {
    await page.goto(pathToFileURL(mediaFile).href);
    const fig = page.locator("figure.rf-media").first();
    await fig.scrollIntoViewIfNeeded();
    const imgs = fig.locator("img");
    expect(await imgs.count()).toBeGreaterThan(0);
    await expect.poll(() => imgs.evaluateAll((list) => list.every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0))).toBe(true);
    const first = imgs.first();
    expect((await first.getAttribute("src"))?.startsWith("data:image/")).toBe(true);
    // The page script runs from the file: its slider moves every run to the first logged step.
    await expect.poll(() => fig.locator(".rf-media-tools").isVisible()).toBe(true);
    const firstStep = await fig.evaluate((f) => String(JSON.parse(f.querySelector("script.rf-media-data")!.textContent!).steps[0]));
    await fig.locator("input.rf-media-slider").fill("0");
    await expect.poll(() => fig.locator("output.rf-media-step").innerText()).toBe(firstStep);
    expect(await fig.locator(".rf-media-run-step").first().innerText()).toBe(`step ${firstStep}`);
    expect((await first.getAttribute("src"))?.startsWith("data:image/")).toBe(true);
    await first.click();
    const dialog = page.locator("dialog.rf-media-dialog img");
    await expect.poll(() => dialog.evaluate((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(screenshots, "export-error-analysis-media.png") });
    expect(fetched).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);
});
