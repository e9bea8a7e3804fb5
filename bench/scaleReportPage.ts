import { readFile } from "node:fs/promises";
import path from "node:path";
import { serveStatic } from "../tests/helpers/serveStatic.ts";
import { launchBenchBrowser, longestTask, watchLongTasks } from "./benchBrowser.ts";

export interface ReportPageFigures {
  /** Navigation start → every chart hydrated (scrolled into view in turn) and the runs table ready. */
  readyMs: number;
  /** The longest main-thread task from navigation until then. */
  longestTaskMs: number;
  charts: number;
  tableRows: number;
  /** The page's HTML, bytes. */
  htmlBytes: number;
  /** The largest static chart SVG in it, bytes. */
  largestSvgBytes: number;
}

/**
 * The scale project's report (five line charts grouped over every run and a `runs` table of
 * every run) in Chromium: load it, scroll every chart into view until all are hydrated and the
 * table's script is ready, and record the longest main-thread task. Null without Chromium.
 */
export async function measureReportPage(dist: string, slug: string): Promise<ReportPageFigures | null> {
  const browser = await launchBenchBrowser();
  if (!browser) return null;
  const html = await readFile(path.join(dist, "reports", slug, "index.html"), "utf8");
  const largestSvgBytes = Math.max(0, ...[...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => Buffer.byteLength(m[0])));
  const server = await serveStatic(dist);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await watchLongTasks(page);
    await page.goto(`${server.url}/reports/${slug}/`, { waitUntil: "load" });
    const charts = await page.locator("[data-runfolio-chart]").count();
    for (let i = 0; i < charts; i++) {
      await page.locator("[data-runfolio-chart]").nth(i).scrollIntoViewIfNeeded();
      await page.waitForFunction((k) => document.querySelectorAll("[data-runfolio-chart]")[k]?.getAttribute("data-hydrated") === "true", i, { timeout: 120_000 });
    }
    await page.waitForSelector('[data-runfolio-table][data-ready="true"]', { timeout: 120_000 });
    const readyMs = await page.evaluate(() => performance.now());
    await page.waitForTimeout(300);
    const longestTaskMs = await longestTask(page);
    const tableRows = await page.locator("[data-runfolio-table] tbody tr").count();
    return { readyMs, longestTaskMs, charts, tableRows, htmlBytes: Buffer.byteLength(html), largestSvgBytes };
  } finally {
    await browser.close();
    await server.close();
  }
}
