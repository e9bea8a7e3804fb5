import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { explorerIndexFiles } from "../../src/core/explore/explorerIndex.ts";
import { PAGE_SIZE } from "../../src/core/explore/explorerState.ts";
import { stableJson } from "../../src/core/explore/stableJson.ts";
import { parseExpression, selectRuns } from "../../src/core/query/index.ts";
import { sortRuns } from "../../src/core/query/sortRuns.ts";
import { parseFieldPath } from "../../src/core/query/fieldPath.ts";
import type { Run } from "../../src/core/run.ts";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.ts";
import { manyRuns } from "../helpers/manyRuns.ts";
import { serveStatic, type StaticServer } from "../helpers/serveStatic.ts";
import { exampleOut } from "./buildExampleSite.ts";

const COUNT = 10_000;
const FILTER = 'config.optimizer.name = "adamw" and summary.val/loss < 3';

/**
 * The explorer over 10,000 generated runs: the example site's pages and scripts, with its
 * `data/explorer.json` and `data/explorer-fields.json` swapped for those of `manyRuns(10000)` (no
 * 10,000-run build).
 */
describe.runIf(chromiumAvailable())("the run explorer over a 10,000-run index in Chromium", () => {
  let dir: string;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const runs: Run[] = manyRuns(COUNT);
  const errors: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "rf-explorer-scale-"));
    await cp(exampleOut, dir, { recursive: true });
    const { index, fields, head } = explorerIndexFiles(runs);
    await writeFile(path.join(dir, "data/explorer-head.json"), stableJson(head));
    await writeFile(path.join(dir, "data/explorer.json"), stableJson(index));
    await writeFile(path.join(dir, "data/explorer-fields.json"), stableJson(fields));
    server = await serveStatic(dir);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const count = () => page.locator(".rf-explorer-count").innerText();
  const rowIds = () => page.locator(".rf-explorer-table tr[data-run]").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-run")!));
  const ids = (rs: readonly Run[]) => rs.map((r) => r.id);
  const byId = (a: Run, b: Run) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

  it("first shows one page of rows, in run-id order, and counts every run", async () => {
    await page.goto(`${server.url}/runs/`);
    await expect.poll(count, { timeout: 60_000 }).toBe(`${COUNT} of ${COUNT} runs`);
    expect(await rowIds()).toEqual(ids([...runs].sort(byId).slice(0, PAGE_SIZE)));
    expect(await page.locator(".rf-facet[data-facet=project] label").allInnerTexts()).toEqual([0, 1, 2, 3, 4].map((p) => `sweep-${p} (${COUNT / 5})`));
    expect(await page.locator(".rf-pager").innerText()).toContain(`Page 1 of ${COUNT / PAGE_SIZE}`);
    await expect.poll(() => page.locator("#rf-explorer").getAttribute("data-fields"), { timeout: 60_000 }).toBe("ready");
  }, 120_000);

  it("draws the first page from the head file while the index is still on its way", async () => {
    const held = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await held.route("**/data/explorer.json", async (route) => {
      await released;
      await route.continue();
    });
    await held.goto(`${server.url}/runs/`);
    const heldCount = () => held.locator(".rf-explorer-count").innerText();
    await expect.poll(heldCount, { timeout: 60_000 }).toBe(`First ${PAGE_SIZE} of ${COUNT} runs (loading the rest…)`);
    const heldIds = await held.locator(".rf-explorer-table tr[data-run]").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-run")!));
    expect(heldIds).toEqual(ids([...runs].sort(byId).slice(0, PAGE_SIZE)));
    // The default columns' summary metrics come with the head: the first row shows its value.
    const keys = await held.locator(".rf-explorer-table thead th").evaluateAll((ths) => ths.map((th) => th.getAttribute("data-key")));
    const metric = keys.findIndex((k) => k?.startsWith("summary."));
    expect(metric).toBeGreaterThan(0);
    const firstRun = [...runs].sort(byId)[0]!;
    const key = keys[metric]!.slice("summary.".length);
    expect(typeof firstRun.summary[key]).toBe("number");
    expect((await held.locator(".rf-explorer-table tr[data-run]").first().locator("th, td").nth(metric).innerText()).trim()).toMatch(/\d/);
    release();
    await expect.poll(heldCount, { timeout: 60_000 }).toBe(`${COUNT} of ${COUNT} runs`);
    expect(await held.locator(".rf-facet[data-facet=project] label").first().innerText()).toBe(`sweep-0 (${COUNT / 5})`);
    await held.close();
  }, 120_000);

  it("draws the default view before the fields file is in, and holds a filter until it is", async () => {
    const held = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await held.route("**/data/explorer-fields.json", async (route) => {
      await released;
      await route.continue();
    });
    await held.goto(`${server.url}/runs/`);
    const heldCount = () => held.locator(".rf-explorer-count").innerText();
    await expect.poll(heldCount, { timeout: 60_000 }).toBe(`${COUNT} of ${COUNT} runs`);
    expect(await held.locator("#rf-explorer").getAttribute("data-fields")).toBe("loading");
    expect(await held.locator(".rf-explorer-table tr[data-run]").count()).toBe(PAGE_SIZE);
    const parsed = parseExpression(FILTER);
    if (!parsed.ok) throw new Error(parsed.error.message);
    await held.locator("#rf-q").fill(FILTER);
    await held.locator("#rf-q").press("Enter");
    await expect.poll(heldCount).toMatch(/^Loading every run's config and metrics/);
    release();
    await expect.poll(heldCount, { timeout: 60_000 }).toBe(`${selectRuns(runs, parsed.expr).length} of ${COUNT} runs`);
    expect(await held.locator("#rf-explorer").getAttribute("data-fields")).toBe("ready");
    await held.close();
  }, 120_000);

  it("shows a column the index leaves out once the fields file is in", async () => {
    const sorted = [...runs].sort(byId);
    await page.locator(".rf-column-picker summary").click();
    await page.locator('.rf-column-list input[value="config.optimizer.name"]').check();
    await expect.poll(() => page.locator('th[data-key="config.optimizer.name"]').count()).toBe(1);
    const cells = await page.locator(".rf-explorer-table tr[data-run] td:last-child").allInnerTexts();
    expect(cells.slice(0, 3)).toEqual(sorted.slice(0, 3).map((r) => String((r.config.optimizer as { name: string }).name)));
    await page.getByRole("button", { name: "Default columns" }).click();
    await expect.poll(() => page.locator('th[data-key="config.optimizer.name"]').count()).toBe(0);
  }, 120_000);

  it("filters with an expression, sorts, pages to the end and selects two runs for compare", async () => {
    const parsed = parseExpression(FILTER);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const matching = selectRuns(runs, parsed.expr);
    expect(matching.length).toBeGreaterThan(PAGE_SIZE);
    expect(matching.length).toBeLessThan(COUNT);
    await page.locator("#rf-q").fill(FILTER);
    await page.locator("#rf-q").press("Enter");
    await expect.poll(count).toBe(`${matching.length} of ${COUNT} runs`);
    expect(new URL(page.url()).searchParams.get("q")).toBe(FILTER);

    const path = parseFieldPath("summary.val/loss");
    if (!path.ok) throw new Error("bad path");
    const sorted = sortRuns(matching, [{ path: path.path, descending: true }]);
    await page.locator('th[data-key="summary.val/loss"] button').click();
    await page.locator('th[data-key="summary.val/loss"] button').click();
    await expect.poll(() => page.locator('th[data-key="summary.val/loss"]').getAttribute("aria-sort")).toBe("descending");
    expect((await rowIds())[0]).toBe(sorted[0]!.id);
    expect(await page.locator(".rf-explorer-table tr[data-run] td:nth-child(2)").first().innerText()).toBe(sorted[0]!.name);

    await page.getByRole("button", { name: "Last" }).click();
    const last = sorted[sorted.length - 1]!;
    await expect.poll(async () => (await rowIds()).at(-1)).toBe(last.id);
    expect(await page.locator(".rf-explorer-table tr[data-run]").last().locator("td:nth-child(2)").innerText()).toBe(last.name);
    expect(await page.locator(".rf-explorer-table tr[data-run]").count()).toBe(sorted.length % PAGE_SIZE || PAGE_SIZE);

    const rows = page.locator(".rf-explorer-table tr[data-run]");
    const picked = [await rows.nth(0).getAttribute("data-run"), await rows.nth(1).getAttribute("data-run")];
    await rows.nth(0).locator("input[type=checkbox]").check();
    await rows.nth(1).locator("input[type=checkbox]").check();
    await expect.poll(count).toBe(`${matching.length} of ${COUNT} runs · 2 selected`);
    expect(errors).toEqual([]);
    await Promise.all([page.waitForURL(/\/compare\//), page.getByRole("button", { name: /Compare selected/ }).click()]);
    expect(new URL(page.url()).search).toBe(`?runs=${picked.join(",")}`);
  }, 120_000);
});
