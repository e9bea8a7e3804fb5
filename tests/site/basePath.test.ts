import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import fg from "fast-glob";
import { parse as parseHtml } from "node-html-parser";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite, repoRoot } from "../helpers/buildSite.ts";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.ts";
import { serveStatic, type StaticServer } from "../helpers/serveStatic.ts";

/**
 * The example site built with RUNFOLIO_BASE=/my-experiments/, as for a GitHub Pages project site,
 * and served only under that prefix: every link, asset and lazily loaded chunk must stay inside it.
 */
const BASE = "/my-experiments/";
const outDir = path.join(repoRoot, "test-artifacts/base-site");

describe("the example site under a sub-path", () => {
  beforeAll(async () => {
    await rm(outDir, { recursive: true, force: true });
    const result = await buildSite({
      dataDir: repoRoot,
      outDir,
      cacheDir: path.join(repoRoot, "test-artifacts/cache-base"),
      env: { RUNFOLIO_BASE: BASE },
    });
    if (result.code !== 0) throw new Error(`building under ${BASE} failed:\n${result.output}`);
  });

  it("links and loads nothing outside the base in any built page", async () => {
    const files = (await fg("**/*.html", { cwd: outDir })).sort();
    expect(files.length).toBeGreaterThan(10);
    const outside: string[] = [];
    for (const file of files) {
      const doc = parseHtml(await readFile(path.join(outDir, file), "utf8"));
      for (const el of doc.querySelectorAll("[href], [src]")) {
        for (const attr of ["href", "src"]) {
          const v = el.getAttribute(attr);
          if (v === undefined || v.startsWith("#") || /^[a-z]+:/i.test(v)) continue;
          if (!v.startsWith(BASE)) outside.push(`${file}: ${attr}="${v}"`);
        }
      }
    }
    expect(outside).toEqual([]);
    // Lazily imported chunks are fetched relative to the importing module, never from `/`.
    for (const file of await fg("**/*.js", { cwd: outDir })) {
      const js = await readFile(path.join(outDir, file), "utf8");
      expect(js, file).not.toMatch(/["'`]\/_astro\//);
    }
  });

  describe.runIf(chromiumAvailable())("clicked through in Chromium", () => {
    let browser: Browser;
    let server: StaticServer;
    let page: Page;
    const responses: { url: string; status: number }[] = [];
    const requests: string[] = [];
    const errors: string[] = [];

    beforeAll(async () => {
      server = await serveStatic(outDir, {}, { prefix: BASE });
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      page.on("request", (r) => requests.push(r.url()));
      page.on("response", (r) => responses.push({ url: r.url(), status: r.status() }));
      page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(String(e)));
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const firstChartHydrates = async () => {
      const chart = page.locator("figure[data-runfolio-chart]").first();
      await chart.scrollIntoViewIfNeeded();
      await expect.poll(() => chart.getAttribute("data-hydrated")).toBe("true");
    };

    const clickAndWait = async (selector: string) => {
      const link = page.locator(selector).first();
      const href = await link.getAttribute("href");
      expect(href?.startsWith(BASE), `${selector} → ${href}`).toBe(true);
      await Promise.all([page.waitForURL((u) => u.pathname === new URL(href!, page.url()).pathname), link.click()]);
      await page.waitForLoadState("load");
      return href!;
    };

    it("goes home → report → run → runs page → another run → compare with every request inside the base", async () => {
      await page.goto(`${server.url}${BASE}`);
      await expect(page.locator("h1")).toBeDefined();
      expect(await page.locator("h1").innerText()).toBe("Experiments");

      // The sweep report: its table lists runs that all log histories, so their pages have charts.
      await clickAndWait(`main a[href="${BASE}reports/lr-sweep/"]`);
      expect(new URL(page.url()).pathname).toBe(`${BASE}reports/lr-sweep/`);
      await firstChartHydrates();

      const firstRun = await clickAndWait(`.rf-table-wrap a[href^="${BASE}runs/"]`);
      expect(await page.locator("h1").count()).toBe(1);
      await firstChartHydrates();

      await clickAndWait(`header nav a[href="${BASE}runs/"]`);
      expect(await page.locator("h1").innerText()).toBe("Runs");
      // The explorer's two data files load after the page (leaving earlier would abort them).
      await page.waitForSelector('#rf-explorer[data-fields="ready"]');
      expect(responses.some((r) => r.url === `${server.url}${BASE}data/explorer-fields.json` && r.status === 200)).toBe(true);

      const others = page.locator(`#project-nanogpt a[href^="${BASE}runs/nanogpt/"]:not([href="${firstRun}"])`);
      const second = await others.nth(3).getAttribute("href");
      await Promise.all([page.waitForURL((u) => u.pathname === second), others.nth(3).click()]);
      await page.waitForLoadState("load");
      await firstChartHydrates();

      // Explorer → select three runs → the compare page, which fetches their data under the base.
      await clickAndWait(`header nav a[href="${BASE}runs/"]`);
      await page.locator(".rf-explorer-controls").waitFor({ state: "visible" });
      await page.waitForSelector('#rf-explorer[data-fields="ready"]');
      const picked = await page.locator(".rf-explorer-table tbody tr[data-run]").evaluateAll((trs) => trs.slice(0, 3).map((tr) => tr.getAttribute("data-run")!));
      for (const id of picked) await page.locator(`tr[data-run="${id}"] input[type=checkbox]`).check();
      await Promise.all([page.waitForURL((u) => u.pathname === `${BASE}compare/`), page.getByRole("button", { name: /Compare selected/ }).click()]);
      await page.locator(".rf-compare").waitFor();
      expect(await page.locator(".rf-compare thead th a").count()).toBe(3);
      await expect.poll(() => page.locator(".rf-compare-chart").count()).toBeGreaterThan(0);

      const httpRequests = requests.filter((u) => u.startsWith("http"));
      expect(httpRequests.length).toBeGreaterThan(5);
      expect(httpRequests.filter((u) => !u.startsWith(`${server.url}${BASE}`))).toEqual([]);
      expect(responses.filter((r) => r.status >= 400)).toEqual([]);
      expect(responses.some((r) => r.url.startsWith(`${server.url}${BASE}data/runs/`) && r.status === 200)).toBe(true);
      // Chart code was fetched from under the base.
      expect(responses.some((r) => r.url.startsWith(`${server.url}${BASE}_astro/`) && r.url.endsWith(".js"))).toBe(true);
      expect(errors).toEqual([]);
    });
  });
});
