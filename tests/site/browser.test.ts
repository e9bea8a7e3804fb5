import { mkdir, readdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/buildSite.ts";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.ts";
import { serveStatic, type StaticServer } from "../helpers/serveStatic.ts";
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
    await expect.poll(() => first.getAttribute("data-hydrated"), { timeout: 15_000 }).toBe("true");
    expect(consoleErrors).toEqual([]);
  });

  it("shows a tooltip with the run name and value when hovering a line", async () => {
    const first = page.locator("figure[data-runfolio-chart]").first();
    const expectedNames = await first.evaluate((fig) => {
      const payload = JSON.parse(fig.querySelector("script.rf-chart-data")!.textContent!);
      return (payload.data.series as { name: string }[]).map((s) => s.name);
    });
    const view = first.locator(".runfolio-chart-view svg").first();
    await view.waitFor({ state: "visible" });
    const box = (await view.boundingBox())!;
    // Sweep across the plot until the tooltip appears over some line.
    let text = "";
    for (let fx = 0.2; fx <= 0.9 && !text; fx += 0.05) {
      for (let fy = 0.1; fy <= 0.9 && !text; fy += 0.05) {
        await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
        const tip = page.locator("#vg-tooltip-element.visible");
        if (await tip.count()) text = (await tip.innerText()).trim();
      }
    }
    expect(text).not.toBe("");
    expect(expectedNames.some((n) => text.includes(n))).toBe(true);
    expect(text).toMatch(/\d/);
    await page.screenshot({ path: path.join(screenshots, `report-${slug}-tooltip.png`) });
  });

  it("keeps a full-page screenshot of the report as an artifact", async () => {
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(screenshots, `report-${slug}.png`), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });
});
