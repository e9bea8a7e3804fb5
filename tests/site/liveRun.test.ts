import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.ts";
import { startDevServer, type DevServer } from "../helpers/devServer.ts";

// `astro dev` over a run that a writer process is still logging: the open run page follows the
// new rows in place (no navigation), keeps its zoom, and marks the run stale once the writer stops;
// a report over it updates its chart, runs table and cited value in place, keeping its view state.
const ROWS = 40;
const STALE_FLOOR = 8;
const REPORT = [
  "---",
  "title: Live sweep",
  'runs: project = "demo"',
  "---",
  "",
  "The live run is at loss {{ summary.loss | run: demo/live }}.",
  "",
  "```chart",
  "title: Loss",
  "x: step",
  "y: loss",
  "```",
  "",
  "```runs",
  "columns: [name, steps, summary.loss]",
  "```",
  "",
].join("\n");

function historyRows(from: number, to: number, start: number): string {
  let out = "";
  for (let s = from; s < to; s++) out += `${s},${(start + s * 0.3).toFixed(3)},${(5 / (1 + s / 10)).toFixed(5)}\n`;
  return out;
}

describe.runIf(chromiumAvailable())("watching a run live in the dev server", () => {
  let dir: string;
  let dev: DevServer;
  let browser: Browser;
  let writer: ChildProcess | null = null;
  let history: string;

  /**
   * A writer process appending a row every 0.1 s from step `from`, flushing each, as the Python
   * logger does. Rows come faster than Astro's 500 ms store-write debounce: re-syncing on every row
   * once kept that write, and so every update, waiting until the writer paused (issue 17).
   */
  function startWriter(from: number): ChildProcess {
    const script = `const fs=require("fs");let s=${from};setInterval(()=>{fs.appendFileSync(${JSON.stringify(history)},s+","+(Date.now()/1000).toFixed(3)+","+(5/(1+s/10)).toFixed(5)+"\\n");s++;},100);`;
    return spawn(process.execPath, ["-e", script], { stdio: "ignore" });
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "runfolio-live-"));
    const runDir = path.join(dir, "data/runs/demo/live");
    await mkdir(runDir, { recursive: true });
    await mkdir(path.join(dir, "data/reports"), { recursive: true });
    await writeFile(path.join(dir, "data/reports/live.md"), REPORT);
    await mkdir(path.join(dir, "data/runs/demo/done"), { recursive: true });
    await writeFile(path.join(dir, "data/runs/demo/done/run.json"), JSON.stringify({ name: "done", state: "finished", created: "2025-12-31T00:00:00Z", config: { lr: 0.01 } }));
    await writeFile(path.join(dir, "data/runs/demo/done/history.csv"), "step,time,loss\n" + historyRows(0, 20, 1_767_000_000));
    await writeFile(path.join(runDir, "run.json"), JSON.stringify({ name: "live", state: "running", created: "2026-01-01T00:00:00Z", config: { lr: 0.001 } }));
    history = path.join(runDir, "history.csv");
    const start = Date.now() / 1000 - ROWS * 0.3;
    await writeFile(history, "step,time,loss\n" + historyRows(0, ROWS, start));
    dev = await startDevServer({ dataDir: path.join(dir, "data"), cacheDir: path.join(dir, "cache"), env: { RUNFOLIO_STALE_FLOOR: String(STALE_FLOOR) } });
    browser = await launchChromium();
  }, 180_000);

  // A test that fails while its writer runs must not leave it writing into the next test.
  afterEach(() => {
    writer?.kill();
    writer = null;
  });

  afterAll(async () => {
    writer?.kill();
    await browser?.close();
    await dev?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it("updates the run page in place while rows are written, keeps the zoom, then marks the run stale", async () => {
    onTestFailed(() => console.error(`astro dev's output:\n${dev.output()}`));
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    // The first visit lets Vite discover and bundle the page's dependencies, which may reload the
    // page; the page is watched from the second.
    await page.goto(`${dev.url}/runs/demo/live/`);
    await page.locator("figure[data-runfolio-chart]").first().scrollIntoViewIfNeeded();
    await expect.poll(() => page.locator("figure[data-runfolio-chart]").first().getAttribute("data-hydrated"), { timeout: 120_000 }).toBe("true");
    await page.waitForLoadState("networkidle");
    await page.goto(`${dev.url}/runs/demo/live/`);
    await page.waitForLoadState("networkidle");
    await page.evaluate(() => ((window as unknown as { liveMarker: number }).liveMarker = 42));
    const step = page.locator(".rf-live-status .rf-live-step");
    // the page has said how old the last row is, and whether that is stale, before anything is written
    await expect.poll(() => page.locator(".rf-live-status").getAttribute("data-stale")).toMatch(/^(true|false)$/);
    expect(await page.locator(".rf-live-status .rf-stale").isVisible()).toBe((await page.locator(".rf-live-status").getAttribute("data-stale")) === "true");
    expect(await step.textContent()).toBe(String(ROWS - 1));

    const fig = page.locator("figure[data-runfolio-chart]").first();
    await fig.scrollIntoViewIfNeeded();
    await expect.poll(() => fig.getAttribute("data-hydrated"), { timeout: 60_000 }).toBe("true");
    const box = (await fig.locator(":scope > svg").boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5, { steps: 5 });
    await page.mouse.up();
    const figId = await fig.getAttribute("id");
    const zoomEntry = () => page.evaluate((id) => new RegExp(`${id}=([^&]*)`).exec(decodeURIComponent(location.hash))?.[1] ?? null, figId);
    await expect.poll(zoomEntry).toMatch(/x[\d.]+-[\d.]+/);
    const zoom = await zoomEntry();
    const xLabels = () => fig.locator(":scope > svg .rf-axis-labels text").allTextContents();
    const zoomedLabels = await xLabels();

    writer = startWriter(ROWS);

    await expect.poll(async () => Number(await step.textContent()), { timeout: 120_000 }).toBeGreaterThanOrEqual(ROWS + 5);
    await expect.poll(() => page.locator(".rf-live-status").getAttribute("data-stale"), { timeout: 120_000 }).toBe("false");
    expect(await page.locator(".rf-live-status .rf-stale").isVisible()).toBe(false);
    await expect.poll(() => page.locator(".rf-live-status .rf-live-age").textContent(), { timeout: 30_000 }).toMatch(/\(\d+ s ago\)/);
    // charts swapped in place and live again, with the same zoom
    await expect.poll(() => page.evaluate(() => Number(document.documentElement.dataset.runfolioLiveUpdates ?? 0)), { timeout: 120_000 }).toBeGreaterThan(0);
    const live = page.locator(`figure#${figId}`);
    await expect.poll(() => live.getAttribute("data-hydrated"), { timeout: 60_000 }).toBe("true");
    expect(await zoomEntry()).toBe(zoom);
    expect(await live.locator(".rf-chart-toolbar button", { hasText: /reset/i }).isDisabled()).toBe(false);
    expect(await live.locator(":scope > svg .rf-axis-labels text").allTextContents()).toEqual(zoomedLabels);
    // the summary follows the last row
    await expect.poll(async () => Number(await page.locator("[data-runfolio-live=meta]").locator("dt:text-is('Steps logged') + dd").textContent()), { timeout: 60_000 }).toBeGreaterThan(ROWS);
    // no navigation happened
    expect(await page.evaluate(() => (window as unknown as { liveMarker?: number }).liveMarker)).toBe(42);
    expect(await page.evaluate(() => performance.getEntriesByType("navigation").length)).toBe(1);

    writer.kill();
    writer = null;
    await expect.poll(() => page.locator(".rf-live-status").getAttribute("data-stale"), { timeout: 120_000 }).toBe("true");
    expect(await page.locator(".rf-live-status .rf-stale").isVisible()).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { liveMarker?: number }).liveMarker)).toBe(42);
    expect(errors).toEqual([]);
  }, 300_000);

  it("updates a report's chart, runs table and cited value in place, keeping zoom, hidden runs, smoothing and the table's sort", async () => {
    onTestFailed(() => console.error(`astro dev's output:\n${dev.output()}`));
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    const url = `${dev.url}/reports/live/`;
    // Ids as the report's blocks are numbered: its chart is the first block, its table the second.
    const figId = "chart-1";
    const tableId = "table-2";
    // As on the run page, the first visit may reload once while Vite bundles the page's new dependencies.
    await page.goto(url);
    await page.waitForLoadState("networkidle");
    const stepsColumn = await page.locator(`#${tableId} script.rf-table-data`).evaluate((el) => (JSON.parse(el.textContent!) as { columns: { key: string }[] }).columns.findIndex((c) => c.key === "steps"));
    expect(stepsColumn).toBeGreaterThanOrEqual(0);
    // A view set up as a shared link would: smoothed, zoomed, the finished run hidden, the table by steps, most first.
    const shared = `${url}#${figId}=s0.5,x5-30,h0&${tableId}=o${stepsColumn}d`;
    await page.goto(`${dev.url}/runs/`);
    await page.goto(shared);
    await page.waitForLoadState("networkidle");
    const fig = page.locator(`figure#${figId}`);
    await page.evaluate(() => ((window as unknown as { liveMarker: number }).liveMarker = 7));
    await fig.scrollIntoViewIfNeeded();
    await expect.poll(() => fig.getAttribute("data-hydrated"), { timeout: 120_000 }).toBe("true");
    await expect.poll(() => page.locator(`#${tableId}`).getAttribute("data-ready"), { timeout: 60_000 }).toBe("true");
    const hash = await page.evaluate(() => decodeURIComponent(location.hash));
    expect(hash).toContain(`${figId}=s0.5,x5-30,h0`);
    expect(hash).toContain(`${tableId}=o${stepsColumn}d`);
    const legendPressed = () => fig.locator(":scope > .rf-legends .rf-legend-entry").evaluateAll((els) => els.map((e) => `${e.textContent?.trim()}:${e.getAttribute("aria-pressed")}`));
    const legendBefore = await legendPressed();
    expect(legendBefore.filter((e) => e.endsWith(":false")).length).toBe(1);
    const xLabels = () => fig.locator(":scope > svg .rf-axis-labels text").allTextContents();
    const labelsBefore = await xLabels();
    // Each run row as [name, steps], the steps read from the column headed so.
    const cells = () =>
      page.locator(`#${tableId} table`).evaluate((table: HTMLTableElement) => {
        const col = [...table.tHead!.rows[0]!.cells].findIndex((th) => /^steps/i.test(th.textContent!.trim()));
        return [...table.querySelectorAll<HTMLTableRowElement>("tbody tr[data-run]")].map((r) => [r.cells[0]!.textContent!.trim(), Number(r.cells[col]!.textContent!.replace(/,/g, ""))] as const);
      });
    const rowsBefore = await cells();
    expect(rowsBefore.map(([name]) => name)).toEqual(["live", "done"]);
    const cited = page.locator("p .rf-cite").first();
    const citedBefore = await cited.textContent();
    const stepsBefore = rowsBefore[0]![1];
    const payload = () => page.locator(`figure#${figId} > script.rf-chart-data`).textContent();
    const payloadBefore = await payload();
    await fig.evaluate((el) => ((el as HTMLElement & { liveTag?: number }).liveTag = 1));

    writer = startWriter(stepsBefore);
    // the table's steps cell follows the rows, in the same sort
    const latencies: number[] = [];
    await expect
      .poll(
        async () => {
          const shown = (await cells())[0]?.[1] ?? 0;
          // how long ago the newest row shown was written (an upper bound on row-to-screen; printed, not asserted)
          const row = (await readFile(history, "utf8")).split("\n").find((l) => l.startsWith(`${shown - 1},`));
          if (shown > stepsBefore && row) latencies.push(Date.now() / 1000 - Number(row.split(",")[1]));
          return shown;
        },
        { timeout: 120_000 },
      )
      .toBeGreaterThanOrEqual(stepsBefore + 5);
    console.log(`report page: newest row on screen ${latencies.map((l) => l.toFixed(2)).join(", ")} s after it was written`);
    expect((await cells()).map(([name]) => name)).toEqual(["live", "done"]);
    await expect.poll(() => cited.textContent(), { timeout: 60_000 }).not.toBe(citedBefore);
    await expect.poll(() => page.evaluate(() => Number(document.documentElement.dataset.runfolioLiveUpdates ?? 0)), { timeout: 60_000 }).toBeGreaterThan(0);
    writer.kill();
    writer = null;
    // the chart was swapped (its data has the new rows) and is live again with the same view
    const live = page.locator(`figure#${figId}`);
    await expect.poll(() => live.getAttribute("data-hydrated"), { timeout: 60_000 }).toBe("true");
    // a new figure with the new rows' data took the old one's place
    expect(await live.evaluate((el) => (el as HTMLElement & { liveTag?: number }).liveTag)).toBeUndefined();
    expect(await payload()).not.toBe(payloadBefore);
    expect(decodeURIComponent(await page.evaluate(() => location.hash))).toBe(hash);
    expect(await legendPressed()).toEqual(legendBefore);
    expect(await live.locator(":scope > svg .rf-axis-labels text").allTextContents()).toEqual(labelsBefore);
    expect(await live.locator(".rf-chart-toolbar button", { hasText: /reset/i }).isDisabled()).toBe(false);
    // no navigation happened
    expect(await page.evaluate(() => (window as unknown as { liveMarker?: number }).liveMarker)).toBe(7);
    expect(await page.evaluate(() => performance.getEntriesByType("navigation").length)).toBe(1);
    expect(errors).toEqual([]);
  }, 300_000);
});
