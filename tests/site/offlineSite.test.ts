import { existsSync, statSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import fg from "fast-glob";
import { parse as parseHtml } from "node-html-parser";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAllRuns } from "../../src/core/runs/loadRuns.ts";
import { buildSite, repoRoot } from "../helpers/buildSite.ts";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.ts";
import { serveStatic, type StaticServer } from "../helpers/serveStatic.ts";
import { exampleOut } from "./buildExampleSite.ts";

/**
 * The example site built with RUNFOLIO_LINKS=relative (`npm run build:offline`): opened from the
 * folder (`file://`) every link, stylesheet, image and download works, and the pages that need
 * scripts say so; served over http it is the same site as the default build.
 */
const outDir = path.join(repoRoot, "test-artifacts/offline-site");
const screenshots = path.join(repoRoot, "test-artifacts/screenshots");
const fileUrl = (rel: string) => pathToFileURL(path.join(outDir, rel)).href;

// Every attribute a page links, loads or submits through, and the modules' data URLs.
const URL_ATTRIBUTES = ["href", "src", "action", "data-index", "data-file"];

describe("the example site built with relative links", () => {
  beforeAll(async () => {
    await rm(outDir, { recursive: true, force: true });
    const result = await buildSite({
      dataDir: repoRoot,
      outDir,
      cacheDir: path.join(repoRoot, "test-artifacts/cache-offline"),
      // As `npm run build:offline`: a site read offline carries its own copy of the source files.
      env: { RUNFOLIO_LINKS: "relative", RUNFOLIO_COPY_SOURCE_FILES: "1" },
    });
    if (result.code !== 0) throw new Error(`building with RUNFOLIO_LINKS=relative failed:\n${result.output}`);
  });

  it("names an existing file with every link, asset, form and data URL of every page", async () => {
    const pages = (await fg("**/*.html", { cwd: outDir })).sort();
    expect(pages.length).toBeGreaterThan(40);
    const broken: string[] = [];
    let checked = 0;
    for (const page of pages) {
      const doc = parseHtml(await readFile(path.join(outDir, page), "utf8"));
      const pageUrl = fileUrl(page);
      for (const el of doc.querySelectorAll(URL_ATTRIBUTES.map((a) => `[${a}]`).join(", "))) {
        for (const attr of URL_ATTRIBUTES) {
          const value = el.getAttribute(attr);
          if (value === undefined || value.startsWith("#") || /^[a-z]+:/i.test(value)) continue;
          checked++;
          const target = fileURLToPath(new URL(value.replace(/[?#].*$/, ""), pageUrl));
          if (value.startsWith("/") || !existsSync(target) || statSync(target).isDirectory()) broken.push(`${page}: ${attr}="${value}"`);
        }
      }
      for (const el of doc.querySelectorAll("[data-base]")) {
        const target = fileURLToPath(new URL(el.getAttribute("data-base")!, pageUrl));
        if (!existsSync(path.join(target, "index.html"))) broken.push(`${page}: data-base="${el.getAttribute("data-base")}"`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(500);
    for (const css of await fg("**/*.css", { cwd: outDir })) expect(await readFile(path.join(outDir, css), "utf8"), css).not.toMatch(/url\(\s*['"]?\//);
  });

  it("copies every run's source files as they are, each linked from its run page", async () => {
    const runs = (await loadAllRuns(repoRoot)).runs;
    expect(runs.length).toBeGreaterThan(20);
    for (const run of runs) {
      const links = parseHtml(await readFile(path.join(outDir, "runs", run.id, "index.html"), "utf8")).querySelectorAll(".rf-downloads a[download]").map((a) => a.getAttribute("href"));
      for (const f of run.source.files) {
        expect(await readFile(path.join(outDir, "data/files", f)), f).toEqual(await readFile(path.join(repoRoot, f)));
        expect(links.some((l) => l?.endsWith(`data/files/${f}`)), `${run.id} links ${f}`).toBe(true);
      }
    }
  });

  it("leaves the default build's links root-absolute", async () => {
    const html = await readFile(path.join(exampleOut, "reports/lr-sweep/index.html"), "utf8");
    const doc = parseHtml(html);
    expect(doc.querySelector('link[rel="stylesheet"]')!.getAttribute("href")).toMatch(/^\/_astro\/.+\.css$/);
    expect(doc.querySelector("header nav a")!.getAttribute("href")).toBe("/");
    expect(doc.querySelectorAll('.rf-table-wrap a[href^="/runs/"]').length).toBeGreaterThan(0);
    expect(html).not.toContain("data-rf-file-note");
    expect(existsSync(path.join(exampleOut, "_runfolio"))).toBe(false);
  });

  describe.runIf(chromiumAvailable())("in Chromium", () => {
    let browser: Browser;
    let page: Page;
    const failed: string[] = [];

    beforeAll(async () => {
      await mkdir(screenshots, { recursive: true });
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      page.on("requestfailed", (r) => failed.push(r.url()));
    });

    afterAll(async () => {
      await browser?.close();
    });

    /** Every stylesheet of the page loaded, and the site's styles apply (the header is a flex row, not a block). */
    const expectStyled = async () => {
      const sheets = await page.locator('link[rel="stylesheet"]').evaluateAll((links) => links.map((l) => [l.getAttribute("href"), (l as HTMLLinkElement).sheet !== null]));
      expect(sheets.length).toBeGreaterThan(0);
      for (const [href, loaded] of sheets) expect(loaded, `stylesheet ${href} of ${page.url()}`).toBe(true);
      expect(await page.locator("header.site-header").evaluate((h) => getComputedStyle(h).display)).toBe("flex");
      expect(await page.locator("body").evaluate((b) => getComputedStyle(b).marginTop)).toBe("0px");
    };

    const clickTo = async (link: ReturnType<Page["locator"]>, pathEnd: string) => {
      await Promise.all([page.waitForURL((u) => u.protocol === "file:" && u.pathname.endsWith(pathEnd)), link.click()]);
      await page.waitForLoadState("load");
    };

    const visibleNotes = () => page.locator("[data-rf-file-note]:visible");

    it("opened from file://, goes home → report → run → explorer by clicking, every page styled", async () => {
      await page.goto(fileUrl("index.html"));
      expect(await page.locator("h1").innerText()).toBe("Experiments");
      await expectStyled();

      await clickTo(page.locator('main a[href="reports/lr-sweep/index.html"]'), "/reports/lr-sweep/index.html");
      expect(await page.locator("h1").innerText()).toMatch(/^Learning-rate sweep/);
      await expectStyled();
      // Charts are the SVG drawn at build: there without any script.
      expect(await page.locator("figure[data-runfolio-chart] svg").count()).toBeGreaterThan(3);
      expect(await visibleNotes().count()).toBe(0);

      const runLink = page.locator('.rf-table-wrap a[href^="../../runs/"]').first();
      const runName = await runLink.innerText();
      const runHref = await runLink.getAttribute("href");
      await clickTo(runLink, runHref!.replace(/^(\.\.\/)+/, "/"));
      // The run's name, then its state.
      expect((await page.locator("h1").innerText()).startsWith(`${runName} `)).toBe(true);
      await expectStyled();
      expect(await page.locator("figure[data-runfolio-chart] svg").count()).toBeGreaterThan(0);
      const downloads = await page.locator("a[download]").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      expect(downloads.length).toBeGreaterThan(1);
      for (const href of downloads) expect(existsSync(fileURLToPath(href)), href).toBe(true);

      await clickTo(page.locator("dd.tags a.tag").first(), "/runs/index.html");
      expect(new URL(page.url()).search).toMatch(/^\?q=tags%20has%20/);
      expect(await page.locator("h1").innerText()).toBe("Runs");
      await expectStyled();
      // The no-script explorer: every project's table, and a note on what needs http(s).
      for (const project of ["cifar10", "nanogpt"]) {
        const table = page.locator(`#project-${project}`);
        expect(await table.isVisible()).toBe(true);
        expect(await table.locator("tbody tr").count()).toBeGreaterThan(10);
      }
      expect(await page.locator(".rf-explorer-controls").isHidden()).toBe(true);
      await expect.poll(() => visibleNotes().allInnerTexts()).toEqual([expect.stringMatching(/^Filtering, sorting and comparing runs need the site served over http\(s\)/)]);
      await page.screenshot({ path: path.join(screenshots, "offline-runs.png") });

      // Nothing but the blocked module scripts failed to load on the way.
      expect(failed.length).toBeGreaterThan(0);
      expect(failed.filter((u) => !/\/_astro\/[^/]+\.js$/.test(u))).toEqual([]);
    });

    it("opened from file://, says on the compare and search pages that they need http(s)", async () => {
      await page.goto(fileUrl("compare/index.html"));
      await expectStyled();
      await expect.poll(() => visibleNotes().allInnerTexts()).toEqual([expect.stringMatching(/^Comparing runs needs the site served over http\(s\)/)]);

      await clickTo(page.locator("header nav a", { hasText: "Search" }), "/search/index.html");
      await expectStyled();
      await expect.poll(() => visibleNotes().allInnerTexts()).toEqual([expect.stringMatching(/^Search needs the site served over http\(s\)/)]);
      await page.screenshot({ path: path.join(screenshots, "offline-search.png") });
    });

    describe("served over http", () => {
      let server: StaticServer;
      const errors: string[] = [];

      beforeAll(async () => {
        server = await serveStatic(outDir);
        page.on("pageerror", (e) => errors.push(String(e)));
        page.on("response", (r) => {
          if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
        });
      });

      afterAll(async () => {
        await server?.close();
      });

      it("is the interactive site, with no notes", async () => {
        await page.goto(`${server.url}/runs/`);
        await page.locator(".rf-explorer-controls").waitFor({ state: "visible" });
        expect(await visibleNotes().count()).toBe(0);
        // Links the explorer writes from the relative data-base name the run pages' index.html, as the pages' own links do.
        const runLink = page.locator(".rf-explorer-table tbody tr[data-run] a").first();
        const id = await page.locator(".rf-explorer-table tbody tr[data-run]").first().getAttribute("data-run");
        await Promise.all([page.waitForURL((u) => u.pathname === `/runs/${id}/index.html`), runLink.click()]);

        await page.goto(`${server.url}/compare/?runs=nanogpt/lr-1e-3-seed1,nanogpt/lr-3e-4-seed1`);
        await page.locator(".rf-compare").waitFor();
        // The charts fetch each run's data through the relative data-base.
        await expect.poll(() => page.locator(".rf-compare-chart").count()).toBeGreaterThan(0);
        expect(await visibleNotes().count()).toBe(0);
        expect(errors).toEqual([]);
      });
    });
  });
});
