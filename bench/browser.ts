import { existsSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { buildSite } from "../tests/helpers/buildSite.ts";
import { serveStatic } from "../tests/helpers/serveStatic.ts";
import { metricName, writeReport, writeSyntheticRuns } from "./synthetic.ts";

export interface BrowserFigures {
  /** The static chart answers hover (its overlay is attached before vega loads). */
  firstHoverAfterLoad: number;
  /** 0 when the chart was interactive before the load event. */
  firstInteractiveAfterLoad: number;
  /** The same moment from the start of navigation, and the page's load event. */
  firstInteractiveFromStart: number;
  loadFromStart: number;
  mainThreadMs: number;
  hydratedWithoutScroll: number;
  allHydratedMs: number;
}

/** Builds a 20-chart report (10 runs × 1,000 points each) and loads it in Chromium. */
export async function measureBrowser(work: string): Promise<BrowserFigures | null> {
  const exe = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(exe)) return null;
  const root = path.join(work, "browser");
  await writeSyntheticRuns(root, { project: "p", runs: 10, steps: 1_000, metrics: 2 });
  await writeReport(root, "twenty", Array.from({ length: 20 }, (_, i) => ({ y: metricName(i % 2) })));
  const out = path.join(work, "browser-dist");
  const built = await buildSite({ dataDir: root, outDir: out, cacheDir: path.join(work, "browser-cache") });
  if (built.code !== 0) throw new Error(built.output);

  const server = await serveStatic(out);
  const browser = await chromium.launch({
    executablePath: exe,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    // Record when the first chart turns interactive, from inside the page.
    await page.addInitScript(() => {
      const w = window as unknown as { __firstHydrated?: number; __firstHover?: number };
      new MutationObserver((_m, obs) => {
        if (w.__firstHover === undefined && document.querySelector('[data-hover="ready"]')) w.__firstHover = performance.now();
        if (document.querySelector('[data-hydrated="true"]')) {
          w.__firstHydrated = performance.now();
          obs.disconnect();
        }
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-hydrated", "data-hover"] });
    });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    await page.goto(`${server.url}/reports/twenty/`, { waitUntil: "load" });
    await page.waitForFunction(() => (window as unknown as { __firstHydrated?: number }).__firstHydrated !== undefined, null, { timeout: 20_000 });
    await page.waitForTimeout(1500);
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      const w = window as unknown as { __firstHydrated: number; __firstHover?: number };
      return { load: nav.loadEventStart, first: w.__firstHydrated, hover: w.__firstHover ?? w.__firstHydrated };
    });
    const metrics = (await cdp.send("Performance.getMetrics")).metrics;
    const taskSeconds = metrics.find((m) => m.name === "TaskDuration")?.value ?? 0;
    const hydratedWithoutScroll = await page.locator('[data-hydrated="true"]').count();

    const started = Date.now();
    const total = await page.locator("[data-runfolio-chart]").count();
    for (let y = 0; y < 40 && (await page.locator('[data-hydrated="true"]').count()) < total; y++) {
      await page.mouse.wheel(0, 800);
      await page.waitForTimeout(100);
    }
    await page.waitForFunction((n) => document.querySelectorAll('[data-hydrated="true"]').length >= n, total, { timeout: 30_000 });
    return {
      firstHoverAfterLoad: Math.max(0, timing.hover - timing.load),
      firstInteractiveAfterLoad: Math.max(0, timing.first - timing.load),
      firstInteractiveFromStart: timing.first,
      loadFromStart: timing.load,
      mainThreadMs: taskSeconds * 1000,
      hydratedWithoutScroll,
      allHydratedMs: Date.now() - started,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
