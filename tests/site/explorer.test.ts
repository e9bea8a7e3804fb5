import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareRuns } from "../../src/core/compare/compareRuns.ts";
import { parseExpression, selectRuns } from "../../src/core/query/index.ts";
import type { Run } from "../../src/core/run.ts";
import { loadAllRuns } from "../../src/core/runs/loadRuns.ts";
import { repoRoot } from "../helpers/buildSite.ts";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.ts";
import { serveStatic, type StaticServer } from "../helpers/serveStatic.ts";
import { exampleOut } from "./buildExampleSite.ts";

const screenshots = path.join(repoRoot, "test-artifacts/screenshots");
const PICKED = ["nanogpt/lr-3e-4-seed1", "nanogpt/lr-1e-3-seed1", "nanogpt/lr-3e-4-seed2"];

function select(runs: Run[], expression: string): string[] {
  const parsed = parseExpression(expression);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return selectRuns(runs, parsed.expr).map((r) => r.id).sort();
}

describe.runIf(chromiumAvailable())("the run explorer and compare page in Chromium", () => {
  let browser: Browser;
  let server: StaticServer;
  let page: Page;
  let runs: Run[];
  const errors: string[] = [];

  beforeAll(async () => {
    runs = (await loadAllRuns(repoRoot)).runs;
    server = await serveStatic(exampleOut);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(String(e)));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const shownRuns = () => page.locator(".rf-explorer-table tbody tr[data-run]").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-run")!).sort());
  const rowKeys = () => page.locator(".rf-compare tbody tr:not(.rf-compare-section) th[scope=row]").evaluateAll((ths) => ths.map((th) => th.getAttribute("title")!));

  it("replaces the per-project tables with one table of every run", async () => {
    await page.goto(`${server.url}/runs/`);
    await page.locator(".rf-explorer-controls").waitFor({ state: "visible" });
    expect(await shownRuns()).toEqual(runs.map((r) => r.id).sort());
    expect(await page.locator("#project-nanogpt a").count()).toBe(runs.filter((r) => r.project === "nanogpt").length);
    expect(await page.locator(".rf-facet[data-facet=project] label").allInnerTexts()).toEqual(
      [...new Set(runs.map((r) => r.project))].sort().map((p) => `${p} (${runs.filter((r) => r.project === p).length})`),
    );
  });

  it("parses the index in a worker, and on the page itself when the worker's script cannot load", async () => {
    const countText = `${runs.length} of ${runs.length} runs`;
    const viaWorker = await browser.newPage();
    const workers: string[] = [];
    viaWorker.on("worker", (w) => workers.push(w.url()));
    await viaWorker.goto(`${server.url}/runs/`);
    await expect.poll(() => viaWorker.locator(".rf-explorer-count").innerText()).toBe(countText);
    expect(workers).toEqual([expect.stringMatching(/\/_astro\/explorerIndexWorker[^/]*\.js$/)]);
    await viaWorker.close();

    const blocked = await browser.newPage();
    await blocked.route("**/_astro/explorerIndexWorker*", (route) => route.abort());
    await blocked.goto(`${server.url}/runs/`);
    await expect.poll(() => blocked.locator(".rf-explorer-count").innerText()).toBe(countText);
    expect(await blocked.locator(".rf-explorer-table tbody tr[data-run]").count()).toBe(runs.length);
    expect(await blocked.locator(".rf-explorer-failed").count()).toBe(0);
    await blocked.close();
  });

  it("selects three runs, opens Compare selected and shows only differing keys, then all, and keeps it on reload", async () => {
    for (const id of PICKED) await page.locator(`tr[data-run="${id}"] input[type=checkbox]`).check();
    expect(new URL(page.url()).search).toBe(`?sel=${PICKED.join(",")}`);
    await Promise.all([page.waitForURL(/\/compare\//), page.getByRole("button", { name: /Compare selected/ }).click()]);
    expect(new URL(page.url()).search).toBe(`?runs=${PICKED.join(",")}`);

    const expected = compareRuns(PICKED.map((id) => runs.find((r) => r.id === id)!));
    const differing = expected.rows.filter((r) => r.differs).map((r) => r.key);
    expect(differing).toContain("config.optimizer.lr");
    expect(differing).toContain("config.seed");
    expect(await rowKeys()).toEqual(differing);
    expect(await rowKeys()).not.toContain("config.model.n_layer");
    const headers = await page.locator(".rf-compare thead th a").allInnerTexts();
    expect(headers).toEqual(PICKED.map((id) => runs.find((r) => r.id === id)!.name));
    // A delta against the first run: lr 3e-4 → 1e-3.
    expect(await page.locator(".rf-compare tr", { has: page.locator('th[title="config.optimizer.lr"]') }).locator(".rf-delta").first().innerText()).toBe("+7e-4 (+233%)");

    await page.getByLabel("Show keys that are the same in every run").check();
    expect(await rowKeys()).toEqual(expected.rows.map((r) => r.key));
    expect(new URL(page.url()).search).toBe(`?runs=${PICKED.join(",")}&show=all`);
    await page.reload();
    await page.locator(".rf-compare").waitFor();
    expect(await page.getByLabel("Show keys that are the same in every run").isChecked()).toBe(true);
    expect(await rowKeys()).toEqual(expected.rows.map((r) => r.key));

    // Overlaid charts of the metrics all three log, from the runs' JSON.
    await expect.poll(() => page.locator(".rf-compare-chart").count()).toBeGreaterThan(0);
    const shared = runs.find((r) => r.id === PICKED[0])!.metrics.filter((m) => PICKED.every((id) => runs.find((r) => r.id === id)!.metrics.includes(m)));
    expect(await page.locator(".rf-compare-chart figcaption").allInnerTexts()).toEqual(shared);
    // One line per run, drawn by the line chart the reports use.
    await expect.poll(() => page.locator(".rf-compare-chart").first().locator("path.rf-line").count()).toBe(3);
    await page.screenshot({ path: path.join(screenshots, "compare.png"), fullPage: true });

    await page.getByLabel("Show keys that are the same in every run").uncheck();
    expect(await rowKeys()).toEqual(differing);
    expect(new URL(page.url()).search).toBe(`?runs=${PICKED.join(",")}`);
    expect(errors).toEqual([]);
  });

  it("compares twenty runs", async () => {
    const ids = runs.slice(0, 20).map((r) => r.id);
    await page.goto(`${server.url}/compare/?runs=${ids.join(",")}`);
    expect(await page.locator(".rf-compare thead th a").count()).toBe(20);
    expect(errors).toEqual([]);
  });

  it("filters by an expression, keeps it in the URL and restores it on reload", async () => {
    const expression = 'project = "nanogpt" and config.optimizer.lr >= 1e-3';
    await page.goto(`${server.url}/runs/`);
    await page.getByLabel("Filter", { exact: true }).fill(expression);
    await page.getByLabel("Filter", { exact: true }).press("Enter");
    const expected = select(runs, expression);
    expect(expected.length).toBeGreaterThan(2);
    expect(await shownRuns()).toEqual(expected);
    expect(new URL(page.url()).search).toBe(`?q=${encodeURIComponent(expression)}`);
    await page.reload();
    await page.locator(".rf-explorer-controls").waitFor({ state: "visible" });
    expect(await page.getByLabel("Filter", { exact: true }).inputValue()).toBe(expression);
    expect(await shownRuns()).toEqual(expected);
  });

  it("shows a positioned error for a bad expression", async () => {
    await page.getByLabel("Filter", { exact: true }).fill("config.optimizer.lr >= ");
    await page.getByLabel("Filter", { exact: true }).press("Enter");
    const error = page.locator("#rf-q-error");
    await error.waitFor({ state: "visible" });
    const text = await error.innerText();
    expect(text).toMatch(/^EXPR\d+: /);
    expect(text).toContain("config.optimizer.lr >=");
    expect(text).toMatch(/\^/);
    expect(await page.getByLabel("Filter", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator(".rf-explorer-count").innerText()).toContain("not applied");
    // The error goes away with a good expression.
    await page.getByLabel("Filter", { exact: true }).fill('state = "finished"');
    await page.getByLabel("Filter", { exact: true }).press("Enter");
    expect(await error.isHidden()).toBe(true);
    expect(await shownRuns()).toEqual(select(runs, 'state = "finished"'));
  });

  it("matches ~ patterns in linear time: catastrophic ones keep the page responsive and give the right runs", async () => {
    await page.goto(`${server.url}/runs/`);
    await page.locator(".rf-explorer-controls").waitFor({ state: "visible" });
    const box = page.getByLabel("Filter", { exact: true });
    // (a+)+$ and (\w+\s?)+$ backtrack exponentially on long near-misses such as the run notes; the
    // page must answer at once, with the runs a plain test picks out.
    await box.fill('name ~ "(a+)+$"');
    await box.press("Enter");
    // The RE2 engine loads with the first ~ filter; the table follows once it has.
    await expect.poll(() => shownRuns(), { timeout: 30_000 }).toEqual(runs.filter((r) => /a$/.test(r.name)).map((r) => r.id).sort());
    expect(await page.locator("#rf-q-error").isHidden()).toBe(true);
    await box.fill(String.raw`notes ~ "(\w+\s?)+$"`);
    await box.press("Enter");
    const endsInWord = runs.filter((r) => r.notes !== null && /\w\s?$/.test(r.notes)).map((r) => r.id).sort();
    expect(runs.some((r) => (r.notes?.length ?? 0) > 100 && !endsInWord.includes(r.id))).toBe(true);
    await expect.poll(() => shownRuns(), { timeout: 30_000 }).toEqual(endsInWord);
    expect(await page.evaluate(() => document.readyState)).toBe("complete");
    // A construct RE2 leaves out is the same positioned EXPR024 error as at build time.
    await box.fill(String.raw`name ~ "(lr)-\1"`);
    await box.press("Enter");
    const error = page.locator("#rf-q-error");
    await error.waitFor({ state: "visible" });
    const text = await error.innerText();
    expect(text.split("\n")[0]).toBe("EXPR024: unsupported in regular expressions: backreference '\\1' (patterns use RE2 syntax, which matches in linear time)");
    expect(text).toContain(String.raw`1 | name ~ "(lr)-\1"`);
    expect(text).toMatch(/\^\^/);
    expect(errors).toEqual([]);
  }, 120_000);

  it("sorts by a header, picks columns and facets, all restored on reload", async () => {
    await page.goto(`${server.url}/runs/?project=nanogpt`);
    await page.locator(".rf-explorer-controls").waitFor({ state: "visible" });
    expect(await shownRuns()).toEqual(select(runs, 'project = "nanogpt"'));
    await page.locator(".rf-column-picker summary").click();
    await page.locator(".rf-column-list").getByLabel("optimizer.lr", { exact: true }).check();
    await page.locator('th[data-key="config.optimizer.lr"] button').click();
    await page.locator('th[data-key="config.optimizer.lr"] button').click();
    const search = new URL(page.url()).search;
    expect(search).toContain("sort=-config.optimizer.lr");
    expect(search).toContain("cols=");
    expect(search).toContain("project=nanogpt");
    const order = await page.locator(".rf-explorer-table tbody tr[data-run]").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-run")));
    const lrs = order.map((id) => (runs.find((r) => r.id === id)!.config as { optimizer?: { lr?: number } }).optimizer?.lr ?? -1);
    expect([...lrs].sort((a, b) => b - a)).toEqual(lrs);
    await page.reload();
    await page.locator(".rf-explorer-controls").waitFor({ state: "visible" });
    expect(await page.locator('th[data-key="config.optimizer.lr"]').getAttribute("aria-sort")).toBe("descending");
    expect(await page.locator(".rf-explorer-table tbody tr[data-run]").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-run")))).toEqual(order);
    // The column choice is also remembered for the next visit without it in the URL.
    await page.goto(`${server.url}/runs/`);
    await page.locator(".rf-explorer-controls").waitFor({ state: "visible" });
    expect(await page.locator('th[data-key="config.optimizer.lr"]').count()).toBe(1);
    await page.locator(".rf-column-picker summary").click();
    await page.getByRole("button", { name: "Default columns" }).click();
    expect(await page.locator('th[data-key="config.optimizer.lr"]').count()).toBe(0);
  });

  it("a tag on a run page links to the explorer filtered by it", async () => {
    await page.goto(`${server.url}/runs/nanogpt/lr-3e-4-seed1/`);
    const tag = page.locator(".tags a", { hasText: "baseline" });
    expect(await tag.getAttribute("href")).toBe("/runs/?q=tags%20has%20%22baseline%22");
    await Promise.all([page.waitForURL(/\/runs\/\?q=/), tag.click()]);
    await page.locator(".rf-explorer-controls").waitFor({ state: "visible" });
    expect(await page.getByLabel("Filter", { exact: true }).inputValue()).toBe('tags has "baseline"');
    expect(await shownRuns()).toEqual(select(runs, 'tags has "baseline"'));
    await page.screenshot({ path: path.join(screenshots, "explorer.png"), fullPage: true });
    expect(errors).toEqual([]);
  });
});
