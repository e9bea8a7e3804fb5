import { mkdir, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/buildSite.ts";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.ts";
import { serveStatic, type StaticServer } from "../helpers/serveStatic.ts";
import { chartPayloadInPage } from "../helpers/chartPayload.ts";
import { exampleOut } from "./buildExampleSite.ts";

const screenshots = path.join(repoRoot, "test-artifacts/screenshots");

describe.runIf(chromiumAvailable())("the example report in Chromium", () => {
  let browser: Browser;
  let server: StaticServer;
  let page: Page;
  const consoleErrors: string[] = [];
  let slug: string;

  beforeAll(async () => {
    await mkdir(screenshots, { recursive: true });
    server = await serveStatic(exampleOut);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(String(e)));
    slug = (await readdir(path.join(exampleOut, "reports"))).sort()[0]!;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("hydrates the first chart with no console errors", async () => {
    await page.goto(`${server.url}/reports/${slug}/`);
    const first = page.locator("figure[data-runfolio-chart]").first();
    await expect.poll(() => first.getAttribute("data-hydrated")).toBe("true");
    expect(consoleErrors).toEqual([]);
  });

  it("shows one tooltip listing every run's value at the hovered x", async () => {
    const first = page.locator("figure[data-runfolio-chart]").first();
    const payload = await first.evaluate(chartPayloadInPage);
    const expectedNames = (payload.data.series as { name: string }[]).map((s) => s.name);
    const hit = first.locator(":scope > svg .rf-hit");
    await hit.waitFor({ state: "attached" });
    await first.scrollIntoViewIfNeeded();
    const box = (await hit.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
    const tip = first.locator(".rf-chart-tooltip");
    await expect.poll(() => tip.isVisible()).toBe(true);
    const text = (await tip.innerText()).trim();
    for (const name of new Set(expectedNames)) expect(text).toContain(name);
    expect(text).toMatch(/\d/);
    expect(await first.locator(".rf-tt-near").count()).toBe(1);
    expect(await first.locator(':scope > svg .rf-rule[visibility="visible"]').count()).toBe(1);
    await page.screenshot({ path: path.join(screenshots, `report-${slug}-tooltip.png`) });
    await page.mouse.move(0, 0);
    await expect.poll(() => tip.isVisible()).toBe(false);
  });

  it("offers the plotted points and every logged point as CSV in the export menu", async () => {
    const first = page.locator("figure[data-runfolio-chart]").first();
    await first.locator(".rf-chart-menu > summary").click();
    const items = first.locator(".rf-chart-menu-items");
    await expect.poll(() => items.isVisible()).toBe(true);
    expect(await items.locator("button", { hasText: "CSV (plotted points)" }).count()).toBe(1);
    // Built in the page from the runs' published JSON: every row the chart's runs logged.
    const [download] = await Promise.all([page.waitForEvent("download"), items.locator("button", { hasText: "CSV (every logged point)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/-every-point\.csv$/);
    const csv = await readFile((await download.path())!, "utf8");
    expect(csv.split("\n")[0]).toBe("run,name,metric,step,time,value");
    expect(csv.split("\n").length).toBeGreaterThan(100);
    const { runs, metrics } = (await first.evaluate(chartPayloadInPage)).full as { runs: string[]; metrics: string[] };
    expect([...new Set(csv.trim().split("\n").slice(1).map((l) => l.split(",")[0]))]).toEqual(runs);
    expect(metrics.length).toBeGreaterThan(0);
    // The same file from the button under the chart, shown once the chart is live.
    const under = first.locator(":scope > .rf-chart-full > button");
    expect(await under.isVisible()).toBe(true);
    const [again] = await Promise.all([page.waitForEvent("download"), under.click()]);
    expect(await readFile((await again.path())!, "utf8")).toBe(csv);
  });

  it("exports the chart as shown: an SVG with its legend and a PNG at twice its size", async () => {
    const first = page.locator("figure[data-runfolio-chart]").first();
    const names = [...new Set(((await first.evaluate(chartPayloadInPage)).data.series as { name: string }[]).map((s) => s.name))];
    const exportAs = async (label: string): Promise<Buffer> => {
      await first.locator(".rf-chart-menu > summary").click();
      const [download] = await Promise.all([page.waitForEvent("download"), first.locator(".rf-chart-menu-items button", { hasText: label }).click()]);
      return readFile((await download.path())!);
    };
    const svg = (await exportAs("SVG")).toString("utf8");
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const [, , width, height] = /viewBox="(\d+) (\d+) (\d+) (\d+)"/.exec(svg)!.slice(1).map(Number) as [number, number, number, number];
    expect(svg).toContain('class="rf-frame"');
    expect((svg.match(/<path class="rf-line"[^>]* d="M/g) ?? []).length).toBeGreaterThan(0);
    for (const name of names) expect(svg).toContain(`>${name}</text>`);
    expect(svg).not.toContain("rf-hit");
    const png = await exportAs("PNG");
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([2 * width, 2 * height]);
    expect(consoleErrors).toEqual([]);
  });

  it("isolates a series on legend click, re-smooths on the slider, and keeps both in the URL hash", async () => {
    const first = page.locator("figure[data-runfolio-chart]").first();
    const total = Number(await first.getAttribute("data-visible-series"));
    const entries = first.locator(":scope > .rf-legends .rf-legend-entry");
    if (total > 1 && (await entries.count()) > 1) {
      await entries.first().click();
      await expect.poll(async () => Number(await first.getAttribute("data-visible-series"))).toBeLessThan(total);
      const drawn = await first.locator(':scope > svg .rf-line:not([d=""])').count();
      expect(drawn).toBeLessThan(total);
    }
    const visible = Number(await first.getAttribute("data-visible-series"));

    const line = first.locator(':scope > svg .rf-line:not([d=""])').first();
    const before = await line.getAttribute("d");
    const slider = first.locator('.rf-chart-toolbar input[type="range"]');
    await slider.evaluate((el: HTMLInputElement) => {
      el.value = String(Number(el.max) * 0.9);
      el.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await expect.poll(() => line.getAttribute("d")).not.toBe(before);
    const value = await slider.inputValue();
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/=.*s/);
    const hash = await page.evaluate(() => location.hash);

    await page.reload();
    const again = page.locator("figure[data-runfolio-chart]").first();
    await expect.poll(() => again.getAttribute("data-hydrated")).toBe("true");
    expect(await page.evaluate(() => location.hash)).toBe(hash);
    expect(await again.locator('.rf-chart-toolbar input[type="range"]').inputValue()).toBe(value);
    expect(Number(await again.getAttribute("data-visible-series"))).toBe(visible);
    expect(consoleErrors).toEqual([]);
  });

  it("has accessible controls and a data table fallback in the built HTML or none needed", async () => {
    const first = page.locator("figure[data-runfolio-chart]").first();
    expect(await first.locator(".rf-chart-toolbar label input[type=range]").count()).toBe(1);
    expect(await first.locator(".rf-chart-toolbar button").count()).toBeGreaterThanOrEqual(2);
    expect(await first.locator(':scope > svg[role="img"][aria-label]').count()).toBe(1);
    // no inline style attributes in the built HTML (CSP: style-src 'self')
    const html = await (await fetch(`${server.url}/reports/${slug}/`)).text();
    expect(html).not.toMatch(/\sstyle="/);
  });

  it("keeps a full-page screenshot of the report as an artifact", async () => {
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(screenshots, `report-${slug}.png`), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  it("hydrates every chart of every kind in the example reports, with no console errors", async () => {
    for (const report of (await readdir(path.join(exampleOut, "reports"))).sort()) {
      await page.goto(`${server.url}/reports/${report}/`);
      const figures = page.locator("figure[data-runfolio-chart]");
      const count = await figures.count();
      expect(count, report).toBeGreaterThan(3);
      for (let i = 0; i < count; i++) {
        await figures.nth(i).scrollIntoViewIfNeeded();
        await expect.poll(() => figures.nth(i).getAttribute("data-hydrated")).toBe("true");
      }
    }
    expect(consoleErrors).toEqual([]);
  });
});
